extension Site {
    /// `RemoveSchedule`: removes a schedule file and its programmes.
    public enum RemoveSchedule: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.RemoveSchedule"
        /// Schedules are the commune operator's.
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

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
            /// Creates the empty reply parameters.
            public init() {}
        }
    }
}
