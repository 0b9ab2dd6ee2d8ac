/// Broadcast priority levels of Circular 39/2020/TT-BTTTT, lowest to highest (DESIGN §4).
public enum PlayoutLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// A commune programme: plays when nothing higher is playing.
    case normal
    /// A provincial or commune bulletin: waits for the current normal item to end.
    case priority
    /// A provincial alert: cuts in at once over everything else.
    case emergency

    private var rank: Int {
        switch self {
        case .normal: 0
        case .priority: 1
        case .emergency: 2
        }
    }

    public static func < (lhs: PlayoutLevel, rhs: PlayoutLevel) -> Bool { lhs.rank < rhs.rank }
}

/// What happens to an item when a higher level interrupts it.
public enum PreemptPolicy: String, Sendable, Codable, CaseIterable {
    /// Continue from where it stopped once the interruption is over.
    case resume
    /// Play again from the beginning.
    case restart
    /// Give up on it.
    case drop
}

/// Whether an alert is real or a drill; never confused, always logged as such.
public enum BroadcastStatus: String, Sendable, Codable, CaseIterable {
    case actual, exercise, test
}
