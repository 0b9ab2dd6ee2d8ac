import NIOSSL
import PEMFiles

/// What the CLI presents to, and expects from, a site over TLS (DESIGN §8): the staff member's certificate and key,
/// and the provincial CA that must have signed the site's certificate. TLS 1.3 only, and the site's certificate
/// must name the host that was dialled.
///
/// The files are read when this value is created, so a wrong path is reported before any connection is tried.
public struct TLSClientCredentials: Sendable {
    /// The client's TLS context.
    let context: NIOSSLContext

    /// Reads the PEM files. `certificatePath` and `keyPath` go together; without them the client presents no
    /// certificate, which a CommuneCast site refuses (useful only to check that it does).
    public init(certificatePath: String?, keyPath: String?, caPath: String) throws(ClientError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv13
        tls.maximumTLSVersion = .tlsv13
        tls.certificateVerification = .fullVerification
        tls.trustRoots = .certificates(try Self.certificates(at: caPath, role: "CA certificate (--ca)"))
        switch (certificatePath, keyPath) {
        case (nil, nil):
            break
        case (let certificatePath?, let keyPath?):
            let chain = try Self.certificates(at: certificatePath, role: "client certificate (--cert)")
            do throws(PEMFileError) {
                tls.privateKey = .privateKey(try PEMFiles.privateKey(at: keyPath, role: "client key (--key)"))
            } catch {
                throw .tlsCredentials(path: error.path, reason: error.reason)
            }
            tls.certificateChain = chain.map { .certificate($0) }
        case (_?, nil):
            throw .tlsCredentials(path: certificatePath ?? "", reason: "a client certificate needs its key (--key)")
        case (nil, _?):
            throw .tlsCredentials(path: keyPath ?? "", reason: "a client key needs its certificate (--cert)")
        }
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw .tlsCredentials(
                path: keyPath ?? caPath,
                reason: "the key (--key) does not go with the certificate (--cert), or they cannot be used (\(error))"
            )
        }
    }

    private static func certificates(at path: String, role: String) throws(ClientError) -> [NIOSSLCertificate] {
        do throws(PEMFileError) {
            return try PEMFiles.certificates(at: path, role: role)
        } catch {
            throw .tlsCredentials(path: error.path, reason: error.reason)
        }
    }
}
