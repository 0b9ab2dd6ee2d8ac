extension Site {
    /// `Monitor`: streams events as they happen; it must be called with `more`.
    public enum Monitor: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.Monitor"
        /// Watching events is for every role.
        public static let leastRole = Role.monitor
        /// Read-only: not audited.
        public static let changesState = false
        /// Events stream until the caller hangs up.
        public static let streams = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// Creates the empty call parameters.
            public init() {}
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// One event.
            public var event: Site.Event

            /// Creates the value.
            public init(event: Site.Event) {
                self.event = event
            }
        }
    }
}
