extension Site {
    /// One future airing of a programme.
    public struct Occurrence: Codable, Sendable, Hashable {
        /// The programme's id.
        public var programme: String
        /// When it airs (RFC 3339).
        public var at: String
        /// The level it plays at.
        public var level: Tolerant<Site.Level>

        /// Creates the value.
        public init(programme: String, at: String, level: Site.Level) {
            self.programme = programme
            self.at = at
            self.level = Tolerant(level)
        }
    }
}
