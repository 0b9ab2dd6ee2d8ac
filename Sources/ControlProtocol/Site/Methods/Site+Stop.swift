extension Site {
    /// `Stop`: stops what is playing.
    public enum Stop: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.Stop"
        /// Stopping what is on air is the commune operator's.
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
            /// The source of the stopped item; `nil` if nothing was playing.
            public var stopped: String?

            /// Creates the value; optional fields default to `nil`.
            public init(stopped: String? = nil) {
                self.stopped = stopped
            }
        }
    }
}
