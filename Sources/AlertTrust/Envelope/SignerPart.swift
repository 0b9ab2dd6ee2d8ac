/// What a person did by signing: wrote the alert (`draft`) or checked and approved someone else's draft (`approve`).
///
/// The part is claimed in the signer's own protected header, so it is covered by that signer's signature. It says
/// nothing about authority: the site takes each signer's role from its own ACL.
public enum SignerPart: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The person who wrote the alert; every envelope has exactly one.
    case draft
    /// A person who approved the draft; never the drafter.
    case approve

    /// The value as written in the header.
    public var description: String { rawValue }
}
