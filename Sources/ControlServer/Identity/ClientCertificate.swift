import Crypto
import NIOSSL

/// What the control server knows about a TLS client once its certificate has been verified against the client CA:
/// the names an ACL can match, and the subject for the audit trail.
public struct ClientCertificate: Sendable, Hashable {
    /// The subject's common name (the last one, if several), such as `so-tt-an-giang`; `nil` when it has none.
    public var commonName: String?
    /// The SHA-256 digest of the certificate's DER encoding as uppercase colon-separated hex, the form
    /// `openssl x509 -noout -fingerprint -sha256` prints after `sha256 Fingerprint=`.
    public var fingerprint: String
    /// The subject as `CN=…,OU=…,O=…,C=…` (RFC 4514 order: most specific first), for logs and the audit trail.
    public var subject: String

    /// Creates a certificate identity from parts, for tests and ACL checks.
    public init(commonName: String?, fingerprint: String, subject: String) {
        self.commonName = commonName
        self.fingerprint = fingerprint
        self.subject = subject
    }

    /// Reads the names and the fingerprint of a certificate the TLS handshake has verified.
    init(_ certificate: NIOSSLCertificate) throws {
        let names = certificate.subjectName
        commonName = names.last { $0.type == .commonName }?.value
        fingerprint = Self.fingerprint(der: try certificate.toDERBytes())
        subject = names.reversed().map { "\(Self.label($0.type))=\($0.value)" }.joined(separator: ",")
    }

    /// The fingerprint of a DER-encoded certificate, as `AB:CD:…` (32 bytes, 95 characters).
    public static func fingerprint(der: [UInt8]) -> String {
        SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 0x10 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    /// The short names RFC 4514 and OpenSSL use for the attributes NIOSSL reports.
    private static func label(_ type: SSLCertificateNameType) -> String {
        switch type {
        case .commonName: "CN"
        case .organization: "O"
        case .organizationalUnit: "OU"
        case .country: "C"
        case .state: "ST"
        case .city: "L"
        case .emailAddress: "emailAddress"
        case .userId: "UID"
        default: "attribute"
        }
    }
}
