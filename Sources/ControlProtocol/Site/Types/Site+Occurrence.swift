import BroadcastModel

extension Site {
    /// One future airing of a programme.
    public struct Occurrence: Codable, Sendable, Hashable {
        /// The programme's id.
        public var programme: String
        /// When it airs (RFC 3339).
        public var at: String
        /// The level it plays at.
        public var level: Tolerant<BroadcastLevel>
        /// Why the site will not air it, as `quiet hours 21:30–05:00`; nil when it airs.
        public var skipped: String?

        /// Creates the value.
        public init(programme: String, at: String, level: BroadcastLevel, skipped: String? = nil) {
            self.programme = programme
            self.at = at
            self.level = Tolerant(level)
            self.skipped = skipped
        }
    }
}
