import BroadcastModel

/// The level a scheduled programme airs at (Circular 39/2020/TT-BTTTT, DESIGN §4).
///
/// Schedules only hold `normal` and `priority` items: emergencies are alerts raised by the province, never
/// programmes, so the type leaves no room to schedule one.
public enum ProgrammeLevel: String, CaseIterable, Codable, Comparable, Hashable, Sendable {
    /// A commune programme, played at its time if nothing higher is playing.
    case normal
    /// A provincial or commune bulletin, played after the current normal item.
    case priority

    /// Orders `normal` below `priority`.
    public static func < (lhs: ProgrammeLevel, rhs: ProgrammeLevel) -> Bool {
        lhs.level < rhs.level
    }

    /// The broadcast level it airs at.
    public var level: BroadcastLevel {
        switch self {
        case .normal: .normal
        case .priority: .priority
        }
    }
}
