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

        /// Creates the value.
        public init(id: String, timeZone: String, origin: String, programmes: [Site.Programme], updated: String) {
            self.id = id
            self.timeZone = timeZone
            self.origin = origin
            self.programmes = programmes
            self.updated = updated
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case timeZone = "time_zone"
            case origin
            case programmes
            case updated
        }
    }
}
