extension Site {
    /// A schedule file and the programmes it holds.
    public struct Schedule: Codable, Sendable, Hashable {
        /// The name given to `AddSchedule`.
        public var id: String
        /// The IANA time zone of the schedule.
        public var timeZone: String
        /// The programmes in the file.
        public var programmes: [Site.Programme]
        /// When the file last changed (RFC 3339).
        public var updated: String

        /// Creates the value.
        public init(id: String, timeZone: String, programmes: [Site.Programme], updated: String) {
            self.id = id
            self.timeZone = timeZone
            self.programmes = programmes
            self.updated = updated
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case timeZone = "time_zone"
            case programmes
            case updated
        }
    }
}
