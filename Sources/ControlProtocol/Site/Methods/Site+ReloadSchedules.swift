extension Site {
    /// `ReloadSchedules`: reads the schedule files again.
    public enum ReloadSchedules: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.ReloadSchedules"
        /// Schedules are the commune operator's.
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// Creates the empty call parameters.
            public init() {}
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The schedules now in force.
            public var schedules: [Site.Schedule]
            /// Files that could not be used, each with file, line and key; their previous versions stay in force.
            public var problems: [String]
            /// Programmes in force that will not air as written (media not stored, same-level clashes); `nil` from
            /// a site older than this field.
            public var warnings: [String]?

            /// Creates the value; `warnings` defaults to `nil`.
            public init(schedules: [Site.Schedule], problems: [String], warnings: [String]? = nil) {
                self.schedules = schedules
                self.problems = problems
                self.warnings = warnings
            }
        }
    }
}
