import Crypto
import SwiftASN1
import X509

/// What a certificate must say to sign alerts, checked on the signer's (leaf) certificate of every chain.
///
/// - `basicConstraints` must not make it a CA;
/// - `keyUsage` must be present and allow `digitalSignature` (and not `keyCertSign`);
/// - `extendedKeyUsage` must be present and list `id-kp-documentSigning` (1.3.6.1.5.5.7.3.36, RFC 9336).
///   `clientAuth` may stand beside it, so one staff certificate serves both the TLS door and alert signing;
///   `anyExtendedKeyUsage` is not enough. The province thereby decides, per certificate, who may sign alerts at all:
///   a TLS-only certificate (a monitoring machine's, say) cannot sign one, whatever the ACL says;
/// - the key must be P-256 or Ed25519.
///
/// swift-certificates' `RFC5280Policy` leaves key usage unchecked on purpose, so this policy is what enforces it;
/// it declares both extensions as understood, so a certificate that marks them critical still verifies.
public struct SigningCertificatePolicy: VerifierPolicy, Sendable {
    /// `id-kp-documentSigning` (RFC 9336).
    public static let documentSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 36]

    /// The extensions this policy enforces.
    public let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.keyUsage, .X509ExtensionID.extendedKeyUsage,
    ]

    /// Creates the policy.
    public init() {}

    /// Checks the chain's leaf.
    public func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        if let problem = Self.problem(with: chain.leaf) {
            return .failsToMeetPolicy(reason: "\(problem)")
        }
        return .meetsPolicy
    }

    /// What keeps `certificate` from signing alerts, or `nil` if nothing does.
    public static func problem(with certificate: Certificate) -> CertificateProblem? {
        let extensions = certificate.extensions
        do {
            if case .isCertificateAuthority = try extensions.basicConstraints { return .certificateAuthority }
        } catch {
            return .unreadable("its basicConstraints extension is malformed")
        }
        let keyUsage: KeyUsage?
        do {
            keyUsage = try extensions.keyUsage
        } catch {
            return .unreadable("its keyUsage extension is malformed")
        }
        guard let usage = keyUsage else { return .keyUsage("it has no keyUsage extension; it needs digitalSignature") }
        if usage.keyCertSign { return .certificateAuthority }
        guard usage.digitalSignature else { return .keyUsage("its keyUsage lacks digitalSignature") }
        let extendedKeyUsage: ExtendedKeyUsage?
        do {
            extendedKeyUsage = try extensions.extendedKeyUsage
        } catch {
            return .unreadable("its extendedKeyUsage extension is malformed")
        }
        guard let extended = extendedKeyUsage else {
            return .keyUsage("it has no extendedKeyUsage extension; it needs documentSigning (1.3.6.1.5.5.7.3.36)")
        }
        guard extended.contains(ExtendedKeyUsage.Usage(oid: documentSigning)) else {
            return .keyUsage("its extendedKeyUsage (\(extended)) lacks documentSigning (1.3.6.1.5.5.7.3.36)")
        }
        guard P256.Signing.PublicKey(certificate.publicKey) != nil
            || Curve25519.Signing.PublicKey(certificate.publicKey) != nil
        else {
            return .unsupportedKey(String(describing: certificate.publicKey))
        }
        return nil
    }
}
