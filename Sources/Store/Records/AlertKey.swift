/// What names an alert on a site: who issued it and the id they gave it. Ids are chosen by their sender, so the same
/// id from two callers names two alerts: an operator's `storm-9999` can never stand in for the province's. Issue 14's
/// replay store of signed alerts keys its rows the same way.
public struct AlertKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Who pushed it, as the daemon derives it from the caller (never from the message): `tls:CN=…` for a client
    /// certificate's subject, `unix:NAME` for a local user.
    public var issuer: String
    /// The id its issuer gave it.
    public var id: String

    /// Creates a key.
    public init(issuer: String, id: String) {
        self.issuer = issuer
        self.id = id
    }

    /// By id, then issuer, so listings keep one id's alerts together.
    public static func < (lhs: AlertKey, rhs: AlertKey) -> Bool {
        (lhs.id, lhs.issuer) < (rhs.id, rhs.issuer)
    }

    /// `storm-9999 from tls:CN=so-tt-an-giang,…`, for messages and logs.
    public var description: String { "'\(id)' from \(issuer)" }
}
