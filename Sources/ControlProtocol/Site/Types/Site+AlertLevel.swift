extension Site {
    /// The levels an alert may carry.
    public enum AlertLevel: String, Codable, Sendable, Hashable, CaseIterable {
        /// As `Level.priority`.
        case priority
        /// As `Level.emergency`.
        case emergency

        /// The same level on the full scale, for code that compares levels.
        public var level: Site.Level {
            switch self {
            case .priority: .priority
            case .emergency: .emergency
            }
        }
    }
}
