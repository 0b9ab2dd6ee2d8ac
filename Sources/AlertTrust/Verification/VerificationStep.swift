/// The site's checks, in the order it runs them (issue 14, point 2). A refusal names its step, so a log shows how
/// far an envelope got.
public enum VerificationStep: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// The size limit.
    case size = 1
    /// The strict parse of the envelope and its protected headers.
    case parse
    /// The `alg` allow-list.
    case algorithm
    /// Certificate chains to the pinned CA, and the signatures over the exact signing input.
    case signatures
    /// The payload, decoded from the bytes that were signed.
    case payload
    /// The audience includes this site.
    case audience
    /// The newest `iat` in the window, `expires` in the future.
    case time
    /// Each signer's role from the site's ACL.
    case roles
    /// Enough distinct people, a drafter and a different approver.
    case people
    /// A cancel or update from a signer at least as senior as the referenced alert's.
    case references

    /// Orders steps as they run.
    public static func < (lhs: VerificationStep, rhs: VerificationStep) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The step's name in logs.
    public var description: String {
        switch self {
        case .size: "size"
        case .parse: "parse"
        case .algorithm: "algorithm"
        case .signatures: "signatures"
        case .payload: "payload"
        case .audience: "audience"
        case .time: "time"
        case .roles: "roles"
        case .people: "people"
        case .references: "references"
        }
    }
}
