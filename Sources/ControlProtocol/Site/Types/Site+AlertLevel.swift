import BroadcastModel

extension Site {
    /// The levels an alert may carry.
    public enum AlertLevel: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
        /// As `BroadcastLevel.priority`.
        case priority
        /// As `BroadcastLevel.emergency`.
        case emergency

        /// `priority` < `emergency`: a push at a higher level than an alert of the same key is never a duplicate.
        public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool {
            lhs.level < rhs.level
        }

        /// The same level on the full scale, for code that compares levels.
        public var level: BroadcastLevel {
            switch self {
            case .priority: .priority
            case .emergency: .emergency
            }
        }
    }
}
