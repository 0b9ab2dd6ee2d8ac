extension Site {
    /// The most recent alert and what became of it.
    public struct AlertSummary: Codable, Sendable, Hashable {
        /// The alert's id.
        public var id: String
        /// What became of it.
        public var outcome: Tolerant<Site.Outcome>
        /// When that happened (RFC 3339).
        public var at: String

        /// Creates the value.
        public init(id: String, outcome: Site.Outcome, at: String) {
            self.id = id
            self.outcome = Tolerant(outcome)
            self.at = at
        }
    }
}
