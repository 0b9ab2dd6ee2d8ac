import BroadcastModel
import ControlProtocol
import Foundation

/// Why a site refused a signed alert. The verifier stops at the first failing check (``step``) and fails closed:
/// nothing of a refused envelope is aired or stored. ``description`` is the sentence the daemon logs.
///
/// Signatures are numbered from 1 in the order they appear in the envelope.
public enum AlertRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The envelope is larger than the site accepts.
    case tooLarge(bytes: Int, limit: Int)
    /// The envelope or a protected header is not exactly the expected JSON.
    case malformed(EnvelopeFormatError)
    /// A signature's `alg` is not ES256 or EdDSA.
    case algorithmNotAllowed(signature: Int, algorithm: String)
    /// A signer's certificate does not chain to the pinned CA now, or may not sign alerts.
    case untrustedCertificate(signature: Int, problem: CertificateProblem)
    /// A signature's `alg` does not fit its certificate's key (ES256 needs P-256, EdDSA needs Ed25519).
    case algorithmKeyMismatch(signature: Int, algorithm: JWSAlgorithm, signer: SignerIdentity)
    /// A signature does not verify over the exact signing input: the payload, the header or the signature changed.
    case badSignature(signature: Int, signer: SignerIdentity)
    /// The signed payload is not exactly the expected JSON.
    case malformedPayload(EnvelopeFormatError)
    /// The audience does not include this site.
    case notForThisSite(audience: String, site: String)
    /// The newest signature is older than the window allows (a recording replayed, or a draft never sent).
    case signatureTooOld(newest: Date, oldestAllowed: Date)
    /// The newest signature claims a time ahead of the site's clock by more than the window allows.
    case signatureInFuture(newest: Date, latestAllowed: Date)
    /// The alert has expired.
    case expired(expires: Date)
    /// The alert's lifetime is longer than the site allows.
    case lifetimeTooLong(seconds: Int, limit: Int)
    /// The signer's certificate is revoked in the site's ACL.
    case signerRevoked(signature: Int, signer: SignerIdentity)
    /// The signer's certificate is not in the site's ACL.
    case signerUnlisted(signature: Int, signer: SignerIdentity)
    /// The signer's ACL role is below what the alert's level needs.
    case roleTooLow(signature: Int, signer: SignerIdentity, role: Role, required: Role, level: Site.AlertLevel)
    /// The envelope has no `draft` signature, or more than one.
    case draftCount(Int)
    /// The drafter also signed as approver.
    case drafterApproved(signer: SignerIdentity)
    /// One person signed twice (the same key, or two certificates of one subject).
    case samePersonTwice(signer: SignerIdentity)
    /// Fewer distinct people signed than the site's policy needs for this level and status.
    case notEnoughPeople(signed: Int, required: Int, level: Site.AlertLevel, status: BroadcastStatus)
    /// A cancel or update is signed by nobody at least as senior as the alert it references.
    case referenceRoleTooLow(reference: String, referencedRole: Role, highestSigner: Role)

    /// The check that refused the envelope.
    public var step: VerificationStep {
        switch self {
        case .tooLarge: .size
        case .malformed: .parse
        case .algorithmNotAllowed: .algorithm
        case .untrustedCertificate, .algorithmKeyMismatch, .badSignature: .signatures
        case .malformedPayload: .payload
        case .notForThisSite: .audience
        case .signatureTooOld, .signatureInFuture, .expired, .lifetimeTooLong: .time
        case .signerRevoked, .signerUnlisted, .roleTooLow: .roles
        case .draftCount, .drafterApproved, .samePersonTwice, .notEnoughPeople: .people
        case .referenceRoleTooLow: .references
        }
    }

    /// A stable one-word name for the refusal, for logs, metrics and tests.
    public var code: String {
        switch self {
        case .tooLarge: "too_large"
        case .malformed: "malformed"
        case .algorithmNotAllowed: "algorithm_not_allowed"
        case .untrustedCertificate: "untrusted_certificate"
        case .algorithmKeyMismatch: "algorithm_key_mismatch"
        case .badSignature: "bad_signature"
        case .malformedPayload: "malformed_payload"
        case .notForThisSite: "not_for_this_site"
        case .signatureTooOld: "signature_too_old"
        case .signatureInFuture: "signature_in_future"
        case .expired: "expired"
        case .lifetimeTooLong: "lifetime_too_long"
        case .signerRevoked: "signer_revoked"
        case .signerUnlisted: "signer_unlisted"
        case .roleTooLow: "role_too_low"
        case .draftCount: "draft_count"
        case .drafterApproved: "drafter_approved"
        case .samePersonTwice: "same_person_twice"
        case .notEnoughPeople: "not_enough_people"
        case .referenceRoleTooLow: "reference_role_too_low"
        }
    }

    /// The sentence the site logs.
    public var description: String {
        "signed alert refused (\(step)): " + detail
    }

    /// The reason alone, without the step, for tools that say what they were doing themselves.
    public var detail: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            "the envelope is \(bytes) bytes; this site accepts at most \(limit)"
        case .malformed(let error):
            "\(error)"
        case .algorithmNotAllowed(let signature, let algorithm):
            "signature \(signature) uses alg '\(algorithm)'; only ES256 and EdDSA are accepted"
        case .untrustedCertificate(let signature, let problem):
            "signature \(signature): \(problem)"
        case .algorithmKeyMismatch(let signature, let algorithm, let signer):
            "signature \(signature) claims \(algorithm), which does not fit the key of \(signer)'s certificate"
        case .badSignature(let signature, let signer):
            "signature \(signature) by \(signer) does not verify: the payload, its header or the signature was "
                + "altered"
        case .malformedPayload(let error):
            "\(error)"
        case .notForThisSite(let audience, let site):
            "the alert is for \(audience), which does not include this site (\(site))"
        case .signatureTooOld(let newest, let oldestAllowed):
            "the newest signature is from \(Self.time(newest)), before \(Self.time(oldestAllowed)): a replayed or "
                + "stale envelope"
        case .signatureInFuture(let newest, let latestAllowed):
            "the newest signature claims \(Self.time(newest)), after \(Self.time(latestAllowed)): check the "
                + "signer's and this site's clocks"
        case .expired(let expires):
            "the alert expired at \(Self.time(expires))"
        case .lifetimeTooLong(let seconds, let limit):
            "the alert would live \(seconds) s; this site allows at most \(limit) s"
        case .signerRevoked(let signature, let signer):
            "signature \(signature) is by \(signer), whose certificate this site's ACL revokes"
        case .signerUnlisted(let signature, let signer):
            "signature \(signature) is by \(signer), whom this site's ACL does not list"
        case .roleTooLow(let signature, let signer, let role, let required, let level):
            "signature \(signature) is by \(signer), a \(role); a \(level.rawValue) alert needs \(required) signers"
        case .draftCount(let count):
            "the envelope has \(count) draft signatures; it needs exactly one"
        case .drafterApproved(let signer):
            "\(signer) drafted the alert and also approved it; approval must come from someone else"
        case .samePersonTwice(let signer):
            "\(signer) signed twice (the same key, or two certificates of one person); each person signs once"
        case .notEnoughPeople(let signed, let required, let level, let status):
            "\(signed) person(s) signed; a \(level.rawValue) \(status.rawValue) alert needs \(required) different "
                + "people here"
        case .referenceRoleTooLow(let reference, let referencedRole, let highestSigner):
            "it acts on '\(reference)', an alert of a \(referencedRole); its most senior signer is only a "
                + "\(highestSigner)"
        }
    }

    private static func time(_ date: Date) -> String { Date.ISO8601FormatStyle().format(date) }
}
