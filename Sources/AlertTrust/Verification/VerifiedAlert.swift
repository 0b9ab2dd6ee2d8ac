import ControlProtocol
import Foundation

/// An envelope that passed every check: the payload, decoded from the exact bytes that were signed, and who signed
/// it with the role the site's ACL gives each of them. This is what the daemon records and airs.
public struct VerifiedAlert: Sendable, Hashable {
    /// One signer, as verified.
    public struct Signer: Sendable, Hashable {
        /// Who signed.
        public var identity: SignerIdentity
        /// Drafted or approved.
        public var part: SignerPart
        /// Their role in the site's ACL.
        public var role: Role
        /// When they signed.
        public var issuedAt: Date
        /// The algorithm they signed with.
        public var algorithm: JWSAlgorithm
    }

    /// The payload.
    public var payload: AlertPayload
    /// Its SHA-256: the replay store's content hash, and the approvers' fingerprint.
    public var fingerprint: PayloadFingerprint
    /// The signers, in envelope order.
    public var signers: [Signer]

    /// The replay store's key.
    public var key: AlertKey { payload.key }

    /// The drafter.
    public var drafter: Signer? { signers.first { $0.part == .draft } }

    /// The approvers.
    public var approvers: [Signer] { signers.filter { $0.part == .approve } }

    /// The role the message was issued with: the lowest role among its signers. A later cancel or update must be
    /// signed by someone at least this senior.
    public var authority: Role { signers.map(\.role).min() ?? .monitor }

    /// The newest signature's time.
    public var newestSignature: Date { signers.map(\.issuedAt).max() ?? .distantPast }
}
