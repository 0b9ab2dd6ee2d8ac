import BroadcastModel

extension Site {
    /// The levels an operator may request with `Play`; emergency is reserved for alerts.
    public enum PlayLevel: String, Codable, Sendable, Hashable, CaseIterable {
        /// As `Level.normal`.
        case normal
        /// As `Level.priority`.
        case priority

        /// The same level on the full scale, for code that compares levels.
        public var level: BroadcastLevel {
            switch self {
            case .normal: .normal
            case .priority: .priority
            }
        }
    }
}
