extension Site {
    /// A schedule file and the programmes it holds.
    public struct Schedule: Codable, Sendable, Hashable {
        /// The name given to `AddSchedule`.
        public var id: String
        /// The IANA time zone of the schedule.
        public var timeZone: String
        /// The path of its file in the schedules directory, or `added` for one added through `AddSchedule`.
        public var origin: String
        /// The programmes in the file.
        public var programmes: [Site.Programme]
        /// When the file last changed (RFC 3339).
        public var updated: String
        /// The schedule's quiet hours, as `21:30–05:00`, if it has any.
        public var quietHours: String?

        /// Creates the value.
        public init(id: String, timeZone: String, origin: String, programmes: [Site.Programme], updated: String,
                    quietHours: String? = nil) {
            self.id = id
            self.timeZone = timeZone
            self.origin = origin
            self.programmes = programmes
            self.updated = updated
            self.quietHours = quietHours
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case timeZone = "time_zone"
            case origin
            case programmes
            case updated
            case quietHours = "quiet_hours"
        }
    }
}
