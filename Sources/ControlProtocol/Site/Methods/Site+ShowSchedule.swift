extension Site {
    /// `ShowSchedule`: shows one schedule, its YAML and its next occurrences.
    public enum ShowSchedule: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.ShowSchedule"
        /// Reading a schedule is for every role.
        public static let leastRole = Role.monitor
        /// Read-only: not audited.
        public static let changesState = false

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The schedule's name.
            public var id: String

            /// Creates the value.
            public init(id: String) {
                self.id = id
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The schedule.
            public var schedule: Site.Schedule
            /// The schedule file.
            public var yaml: String
            /// Its next occurrences.
            public var upcoming: [Site.Occurrence]

            /// Creates the value.
            public init(schedule: Site.Schedule, yaml: String, upcoming: [Site.Occurrence]) {
                self.schedule = schedule
                self.yaml = yaml
                self.upcoming = upcoming
            }
        }
    }
}
