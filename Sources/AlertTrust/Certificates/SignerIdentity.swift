import Crypto
import X509

/// Who signed, as the site's ACL and the two-person rule see it: the certificate's subject and common name, the
/// certificate's SHA-256 fingerprint (the form the ACL and the audit trail use) and the fingerprint of its key.
///
/// Two signatures are by the same person when they share a subject, a common name or a key: a second certificate
/// for one person, or one key certified twice, does not make a second person.
public struct SignerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The subject's common name (the last one, if several), such as `so-tt-an-giang`.
    public var commonName: String?
    /// The subject as `CN=…,O=…,C=…` (RFC 4514 order).
    public var subject: String
    /// SHA-256 of the certificate's DER as uppercase colon-separated hex, as `openssl x509 -fingerprint -sha256`
    /// prints it and the ACL lists it.
    public var fingerprint: String
    /// SHA-256 of the certificate's SubjectPublicKeyInfo, lowercase hex: the key, whatever certificate carries it.
    public var keyFingerprint: String

    /// Creates an identity from parts, for tests and for ACL lookups.
    public init(commonName: String?, subject: String, fingerprint: String, keyFingerprint: String) {
        self.commonName = commonName
        self.subject = subject
        self.fingerprint = fingerprint
        self.keyFingerprint = keyFingerprint
    }

    /// The identity of a parsed certificate whose DER encoding is `der`.
    public init(certificate: Certificate, der: [UInt8]) {
        let names = certificate.subject.flatMap { $0 }.filter { $0.type == .RDNAttributeType.commonName }
        commonName = names.last.flatMap { String($0.value) }
        subject = String(describing: certificate.subject)
        fingerprint = SHA256.hash(data: der).map(Self.hex).joined(separator: ":").uppercased()
        keyFingerprint = SHA256.hash(data: Array(certificate.publicKey.subjectPublicKeyInfoBytes)).map(Self.hex)
            .joined()
    }

    /// Whether both identities belong to one person: the same subject, common name or key.
    public func isSamePerson(as other: SignerIdentity) -> Bool {
        subject == other.subject || keyFingerprint == other.keyFingerprint
            || (commonName != nil && commonName == other.commonName)
    }

    /// `CN (sha256 AB:CD:EF:01…)`, short enough for a log line.
    public var description: String {
        "\(commonName ?? subject) (sha256 \(fingerprint.prefix(11))…)"
    }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16)
        return byte < 0x10 ? "0" + text : text
    }
}
