import Foundation
import NIOSSL
import PEMFiles

/// The TCP listener for remote clients (DESIGN §5): TLS 1.3 only, a client certificate required and verified
/// against the client CA, and the role taken from the daemon's ACL through a `ClientAuthorizer`.
///
/// The certificate, key and client CA are read when this value is created, so a missing or wrong file stops the
/// daemon at start-up (and `--check-config`) with a message naming the file, not at the first connection.
public struct TLSListenerConfiguration: Sendable {
    /// The address to listen on, such as `0.0.0.0`, `::` or a host name.
    public var host: String
    /// The TCP port; 0 lets the system choose one (tests read it back from `ControlServer.tlsAddress`).
    public var port: Int
    /// How long a client has, from the TCP connection, to complete the TLS handshake before it is closed.
    public var handshakeTimeout: Duration
    /// Grants each verified client its role.
    public var authorizer: any ClientAuthorizer
    /// The server's TLS context: its certificate chain and key, TLS 1.3 only, client certificates required.
    let context: NIOSSLContext

    /// Reads the site's certificate chain and key and the CA that signs client certificates (PEM files).
    public init(
        host: String,
        port: Int,
        certificatePath: String,
        keyPath: String,
        clientCAPath: String,
        authorizer: any ClientAuthorizer,
        handshakeTimeout: Duration = .seconds(10)
    ) throws(ControlServerError) {
        self.host = host
        self.port = port
        self.handshakeTimeout = handshakeTimeout
        self.authorizer = authorizer
        let chain: [NIOSSLCertificate], clientCAs: [NIOSSLCertificate], key: NIOSSLPrivateKey
        do throws(PEMFileError) {
            chain = try PEMFiles.certificates(at: certificatePath, role: "site certificate")
            clientCAs = try PEMFiles.certificates(at: clientCAPath, role: "client CA")
            key = try PEMFiles.privateKey(at: keyPath, role: "site key")
        } catch {
            throw .tlsCredentials(path: error.path, reason: error.reason)
        }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)
        )
        tls.minimumTLSVersion = .tlsv13
        tls.maximumTLSVersion = .tlsv13
        tls.certificateVerification = .noHostnameVerification
        tls.trustRoots = .certificates(clientCAs)
        tls.sendCANameList = true
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw .tlsCredentials(
                path: keyPath, reason: "the key does not go with the certificate in \(certificatePath) (\(error))"
            )
        }
    }
}
