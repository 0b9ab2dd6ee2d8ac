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
        lhs == .normal && rhs == .priority
    }
}

/// Every level the site can broadcast at, including alerts, for decisions that must see all three.
public enum BroadcastLevel: String, CaseIterable, Codable, Comparable, Hashable, Sendable {
    /// A commune programme.
    case normal
    /// A bulletin.
    case priority
    /// A provincial alert, which cuts everything and ignores quiet hours.
    case emergency

    /// The broadcast level of a scheduled programme.
    public init(_ level: ProgrammeLevel) {
        switch level {
        case .normal: self = .normal
        case .priority: self = .priority
        }
    }

    /// Orders levels from `normal` to `emergency`.
    public static func < (lhs: BroadcastLevel, rhs: BroadcastLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .normal: 0
        case .priority: 1
        case .emergency: 2
        }
    }
}

/// What happens to a programme interrupted by a higher level (its `on_preempt`).
public enum PreemptPolicy: String, CaseIterable, Codable, Hashable, Sendable {
    /// Continue from where it stopped, if its window has not passed.
    case resume
    /// Play it again from the beginning.
    case restart
    /// Abandon it.
    case drop
}
