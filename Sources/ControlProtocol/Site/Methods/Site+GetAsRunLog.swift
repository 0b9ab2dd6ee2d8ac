extension Site {
    /// `GetAsRunLog`: reads the as-run log, oldest first.
    public enum GetAsRunLog: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.GetAsRunLog"
        /// Reading the as-run log is for every role.
        public static let leastRole = Role.monitor
        /// Read-only: not audited.
        public static let changesState = false

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The earliest time to include (RFC 3339).
            public var since: String?
            /// The latest time to include (RFC 3339).
            public var until: String?
            /// The most entries to return.
            public var limit: Int?
            /// One local calendar day in the site's time zone, `YYYY-MM-DD`, `today` or `yesterday`, instead of
            /// `since` and `until`.
            public var day: String?

            /// Creates the value; optional fields default to `nil`.
            public init(since: String? = nil, until: String? = nil, limit: Int? = nil, day: String? = nil) {
                self.since = since
                self.until = until
                self.limit = limit
                self.day = day
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The entries.
            public var entries: [Site.AsRunEntry]

            /// Creates the value.
            public init(entries: [Site.AsRunEntry]) {
                self.entries = entries
            }
        }
    }
}
