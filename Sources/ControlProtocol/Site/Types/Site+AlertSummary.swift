import BroadcastModel

extension Site {
    /// The most recent alert and what became of it, as `ListAlerts` shows it, so `health` and `fleet health` tell
    /// the same story as `alert list`.
    public struct AlertSummary: Codable, Sendable, Hashable {
        /// The alert's id.
        public var id: String
        /// How it ended (cancelled, expired, failed), or how its last airing ended while it is still in force.
        public var outcome: Tolerant<AsRunOutcome>
        /// When that happened (RFC 3339).
        public var at: String
        /// Where the alert is now; absent from sites older than this field.
        public var state: Tolerant<AlertState>?
        /// How many times it has aired so far; absent from older sites.
        public var aired: Int?
        /// How many times it airs in all; absent from older sites.
        public var `repeat`: Int?

        /// Creates the value; the optional fields default to `nil`.
        public init(
            id: String, outcome: AsRunOutcome, at: String, state: AlertState? = nil, aired: Int? = nil,
            repeat: Int? = nil
        ) {
            self.id = id
            self.outcome = Tolerant(outcome)
            self.at = at
            self.state = state.map(Tolerant.init)
            self.aired = aired
            self.repeat = `repeat`
        }
    }
}
