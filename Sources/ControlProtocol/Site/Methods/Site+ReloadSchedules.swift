extension Site {
    /// `ReloadSchedules`: reads the schedule files again.
    public enum ReloadSchedules: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.ReloadSchedules"

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

            /// Creates the value.
            public init(schedules: [Site.Schedule], problems: [String]) {
                self.schedules = schedules
                self.problems = problems
            }
        }
    }
}
