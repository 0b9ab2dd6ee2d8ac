extension Site {
    /// A site's health in one word, worst last, so every view of a site (`health --inventory`, `fleet health`,
    /// Nagios, Prometheus) calls it the same.
    public enum HealthState: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
        /// Nothing needs attention; an idle site whose device is closed until the next play is `ok`.
        case ok
        /// It plays, but something needs attention: an unsynchronised clock, a relay that cannot be switched,
        /// schedules that will not air as written (`schedule_warnings`).
        case warning
        /// It may not be heard: the audio device is missing or failing, or the database is damaged.
        case degraded

        /// `ok` < `warning` < `degraded`.
        public static func < (lhs: HealthState, rhs: HealthState) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One reason a site is not `ok`, with the state it puts the site in.
    public struct HealthProblem: Sendable, Hashable {
        /// `warning` or `degraded`.
        public var state: HealthState
        /// A few words for people, such as `clock not synchronised`.
        public var text: String

        /// Creates the value.
        public init(state: HealthState, text: String) {
            self.state = state
            self.text = text
        }
    }
}
