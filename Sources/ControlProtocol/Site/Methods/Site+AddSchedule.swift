extension Site {
    /// `AddSchedule`: adds a schedule file under a name.
    public enum AddSchedule: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.AddSchedule"

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name of the schedule.
            public var name: String
            /// The schedule file.
            public var yaml: String
            /// Add it even if it conflicts with programmes at the same level; the conflicts are still reported.
            public var afterConflict: Bool?

            /// Creates the value; optional fields default to `nil`.
            public init(name: String, yaml: String, afterConflict: Bool? = nil) {
                self.name = name
                self.yaml = yaml
                self.afterConflict = afterConflict
            }

            private enum CodingKeys: String, CodingKey {
                case name
                case yaml
                case afterConflict = "after_conflict"
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The added schedule.
            public var schedule: Site.Schedule
            /// Conflicts found, in words.
            public var conflicts: [String]

            /// Creates the value.
            public init(schedule: Site.Schedule, conflicts: [String]) {
                self.schedule = schedule
                self.conflicts = conflicts
            }
        }
    }
}
