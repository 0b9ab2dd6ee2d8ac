/// An alert's name for replay protection: its issuer and its id. Two messages with the same key are the same alert;
/// if their payloads differ, one of them is a forgery or an issuer's mistake, and the site raises an alarm.
public struct AlertKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The issuer (the province).
    public var issuer: String
    /// The alert id, unique for its issuer.
    public var id: String

    /// Creates a key.
    public init(issuer: String, id: String) {
        self.issuer = issuer
        self.id = id
    }

    /// Orders by issuer, then id, for stable listings.
    public static func < (lhs: AlertKey, rhs: AlertKey) -> Bool {
        (lhs.issuer, lhs.id) < (rhs.issuer, rhs.id)
    }

    /// `issuer/id`.
    public var description: String { "\(issuer)/\(id)" }
}
