import GRDB

/// The level an item aired at, as the as-run log records it: the full ladder of DESIGN §4, lowest first.
public enum BroadcastLevel: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// A commune programme.
    case normal
    /// A bulletin or priority alert.
    case priority
    /// An emergency alert.
    case emergency
}
