/// What the office does with a CAP message once it is read and mapped.
public enum CAPDisposition: Sendable, Hashable, CustomStringConvertible {
    /// A signed alert is drafted (and, where the policy allows, sent at once).
    case draft
    /// A person must decide first (no area, level normal, text in another language); nothing is drafted unless
    /// they give the decision (`cap draft --site/--tag/--area/--level/--text/--media`).
    case hold(String)
    /// Recorded, never aired (System, Ack, Error, urgency Past, not public, expired, superseded...).
    case log(String)
    /// Refused (Draft status, the same identifier with other content...).
    case refuse(String)

    /// `draft`, `hold`, `log` or `refuse`, for JSON and logs.
    public var name: String {
        switch self {
        case .draft: "draft"
        case .hold: "hold"
        case .log: "log"
        case .refuse: "refuse"
        }
    }

    /// The reason, for everything but a draft.
    public var reason: String? {
        switch self {
        case .draft: nil
        case .hold(let reason), .log(let reason), .refuse(let reason): reason
        }
    }

    /// `hold: no area…`.
    public var description: String { reason.map { "\(name): \($0)" } ?? name }
}
