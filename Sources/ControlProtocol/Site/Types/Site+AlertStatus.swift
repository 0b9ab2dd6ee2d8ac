extension Site {
    /// Whether an alert is real; exercises and tests are never confused with actual alerts.
    public enum AlertStatus: String, Codable, Sendable, Hashable, CaseIterable {
        /// A real alert.
        case actual
        /// A drill.
        case exercise
        /// A technical test.
        case test
    }
}
