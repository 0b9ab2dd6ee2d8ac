extension Site {
    /// `CancelAlert`: cancels an alert, cutting it off if it is on air.
    public enum CancelAlert: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.CancelAlert"

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The alert's id.
            public var id: String

            /// Creates the value.
            public init(id: String) {
                self.id = id
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The cancelled alert.
            public var alert: Site.Alert

            /// Creates the value.
            public init(alert: Site.Alert) {
                self.alert = alert
            }
        }
    }
}
