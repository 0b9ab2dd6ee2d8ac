extension Site {
    /// `ListSchedules`: lists the schedules in force.
    public enum ListSchedules: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.ListSchedules"
        /// Reading schedules is for every role.
        public static let leastRole = Role.monitor
        /// Read-only: not audited.
        public static let changesState = false

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// Creates the empty call parameters.
            public init() {}
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The schedules.
            public var schedules: [Site.Schedule]

            /// Creates the value.
            public init(schedules: [Site.Schedule]) {
                self.schedules = schedules
            }
        }
    }
}
