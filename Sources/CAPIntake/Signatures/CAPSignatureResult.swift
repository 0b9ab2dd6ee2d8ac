/// What became of one XML signature of a CAP message.
public struct CAPSignatureResult: Sendable, Hashable {
    /// Its position among the message's signatures, from 1.
    public var index: Int
    /// The signature method (`RSA-SHA256`).
    public var method: String
    /// The digest (`SHA-1`).
    public var digest: String
    /// The pinned key it verifies with, if it does.
    public var verifiedBy: PinnedKey?
    /// Why it does not verify, if it does not.
    public var problem: String?

    /// Whether it verified with a pinned key.
    public var isVerified: Bool { verifiedBy != nil }

    /// `alert/Signature[2]`.
    public var path: String { "alert/Signature[\(index)]" }
}
