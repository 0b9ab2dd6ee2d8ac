import Foundation

/// Why a signer's certificate cannot vouch for a signature, in words an operator can act on.
public enum CertificateProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The DER in `x5c` is not a certificate this program can read.
    case unreadable(String)
    /// Its validity ended before now.
    case expired(notAfter: Date)
    /// Its validity starts after now.
    case notYetValid(notBefore: Date)
    /// It is a CA certificate, which signs certificates, not alerts.
    case certificateAuthority
    /// Its key usages do not allow signing alerts (see ``SigningCertificatePolicy``).
    case keyUsage(String)
    /// Its key is neither P-256 nor Ed25519.
    case unsupportedKey(String)
    /// No chain leads from it to the pinned provincial CA (a self-signed or foreign certificate, or a bad CA
    /// signature); `detail` carries the chain builder's reasons, if it gave any.
    case notIssuedByProvincialCA(issuer: String, detail: String)
    /// `x5c`'s second certificate is not the pinned CA that issued the first.
    case wrongIssuerInChain(String)

    /// A sentence for the log.
    public var description: String {
        switch self {
        case .unreadable(let reason):
            "the certificate cannot be read: \(reason)"
        case .expired(let notAfter):
            "the certificate expired at \(Date.ISO8601FormatStyle().format(notAfter))"
        case .notYetValid(let notBefore):
            "the certificate is not valid until \(Date.ISO8601FormatStyle().format(notBefore))"
        case .certificateAuthority:
            "the certificate is a CA certificate; alerts are signed with a person's certificate"
        case .keyUsage(let reason):
            "the certificate may not sign alerts: \(reason)"
        case .unsupportedKey(let key):
            "the certificate's key is \(key); only P-256 (ES256) and Ed25519 (EdDSA) keys may sign alerts"
        case .notIssuedByProvincialCA(let issuer, let detail):
            "the certificate (issued by \(issuer)) does not chain to the pinned provincial CA"
                + (detail.isEmpty ? "" : ": \(detail)")
        case .wrongIssuerInChain(let subject):
            "x5c's second certificate (\(subject)) is not the provincial CA that issued the signer's certificate"
        }
    }
}
