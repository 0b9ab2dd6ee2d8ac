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

            /// Creates the value.
            public init(schedules: [Site.Schedule]) {
                self.schedules = schedules
            }
        }
    }
}
