import GRDB

/// The priority an alert plays at (Circular 39/2020/TT-BTTTT). Alerts are never `normal`: that level belongs to
/// scheduled programmes, which is why this is not the as-run log's ``BroadcastLevel``.
public enum AlertLevel: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Plays after the current normal item ends.
    case priority
    /// Cuts whatever plays, preceded by the attention tone.
    case emergency
}
