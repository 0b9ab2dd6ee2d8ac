/// An alert's name: its issuer and its id. Ids are chosen by their senders, so the same id from two issuers names two
/// alerts, and no one can take an id before a higher authority uses it (issue 12). The site's alert store keys its
/// rows this way, with the issuer the transport vouches for (`tls:SUBJECT`, `unix:USER`); replay protection of signed
/// alerts (issue 14) keys its rows this way too, with the issuer the signed payload names. Two messages with the same
/// key are the same alert; if their payloads differ, one of them is a forgery or an issuer's mistake, and the site
/// raises an alarm.
public struct AlertKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Who issued it: the province in a signed payload, or the caller the transport vouches for.
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
