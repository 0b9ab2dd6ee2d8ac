extension Site {
    /// `GetHealth`: reports the state of the site.
    public enum GetHealth: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.GetHealth"
        /// Reading health is for every role.
        public static let leastRole = Role.monitor
        /// Read-only: not audited.
        public static let changesState = false
        /// Health is kept in memory, so monitoring may poll it as often as it likes.
        public static let answeredFromMemory = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// Creates the empty call parameters.
            public init() {}
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The state of the site.
            public var health: Site.Health

            /// Creates the value.
            public init(health: Site.Health) {
                self.health = health
            }
        }
    }
}
