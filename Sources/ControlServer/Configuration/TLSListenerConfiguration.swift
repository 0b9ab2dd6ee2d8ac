import Foundation
import NIOSSL

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
        let chain = try Self.certificates(at: certificatePath, role: "site certificate")
        let clientCAs = try Self.certificates(at: clientCAPath, role: "client CA")
        try Self.checkReadable(keyPath, role: "site key")
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw .tlsCredentials(path: keyPath, reason: "the site key is not a PEM private key (\(error))")
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

    /// Every certificate in a PEM file; at least one is required.
    private static func certificates(at path: String, role: String) throws(ControlServerError) -> [NIOSSLCertificate] {
        try checkReadable(path, role: role)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw .tlsCredentials(path: path, reason: "the \(role) is not a PEM certificate (\(error))")
        }
        guard !certificates.isEmpty else {
            throw .tlsCredentials(path: path, reason: "the \(role) file holds no PEM certificate")
        }
        return certificates
    }

    /// Reports a missing or unreadable file in words, before the TLS library reports it as an opaque error.
    private static func checkReadable(_ path: String, role: String) throws(ControlServerError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .tlsCredentials(path: path, reason: "the \(role) file does not exist")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .tlsCredentials(path: path, reason: "the \(role) file is not readable by this user")
        }
    }
}
