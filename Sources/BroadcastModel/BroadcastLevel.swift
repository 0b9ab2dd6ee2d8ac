/// Broadcast priority levels of Circular 39/2020/TT-BTTTT, lowest to highest (DESIGN §4): the one level type of the
/// package.
///
/// The playout queue, the scheduler, the store, the control protocol and signed alerts all use this type. A place that
/// allows only some levels (a programme: normal or priority; an alert: priority or emergency) keeps a subset type
/// whose `level` maps into this one exhaustively, so a new level is a compile error there, never a silent fallback.
public enum BroadcastLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A commune programme: plays when nothing higher is playing.
    case normal
    /// A provincial or commune bulletin, or a priority alert: waits for the current normal item to end.
    case priority
    /// An emergency alert: interrupts anything lower at once.
    case emergency

    /// The level's position in the order `normal < priority < emergency`.
    private var rank: Int {
        switch self {
        case .normal: 0
        case .priority: 1
        case .emergency: 2
        }
    }

    /// Whether `lhs` is less urgent than `rhs`.
    public static func < (lhs: BroadcastLevel, rhs: BroadcastLevel) -> Bool {
        lhs.rank < rhs.rank
    }
}
