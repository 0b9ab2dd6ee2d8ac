extension Site {
    /// `AddSchedule`: adds a schedule file under a name.
    public enum AddSchedule: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.AddSchedule"
        /// Schedules are the commune operator's.
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name of the schedule.
            public var name: String
            /// The schedule file.
            public var yaml: String
            /// Add it even if it conflicts with programmes at the same level; the conflicts are still reported.
            public var afterConflict: Bool?
            /// Replace a schedule already added under the name; absent means true, as clients before the field
            /// expected. The same text again is never refused.
            public var replace: Bool?

            /// Creates the value; optional fields default to `nil`.
            public init(name: String, yaml: String, afterConflict: Bool? = nil, replace: Bool? = nil) {
                self.name = name
                self.yaml = yaml
                self.afterConflict = afterConflict
                self.replace = replace
            }

            private enum CodingKeys: String, CodingKey {
                case name
                case yaml
                case afterConflict = "after_conflict"
                case replace
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The added schedule.
            public var schedule: Site.Schedule
            /// Conflicts found, in words.
            public var conflicts: [String]
            /// `added`, `replaced` (a schedule of that name was in force) or `unchanged` (the same text again);
            /// absent from sites older than the field. A string, so a newer site's word still reads.
            public var outcome: String?

            /// Creates the value.
            public init(schedule: Site.Schedule, conflicts: [String], outcome: String? = nil) {
                self.schedule = schedule
                self.conflicts = conflicts
                self.outcome = outcome
            }
        }
    }
}
