extension Site {
    /// `CancelAlert`: cancels the alerts with an id that the caller's role reaches, cutting each off if it is on air.
    public enum CancelAlert: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.CancelAlert"
        /// Withdrawing alerts is the province's.
        public static let leastRole = Role.provincial
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The alert's id.
            public var id: String
            /// Only the alert of this issuer; every issuer's the caller's role reaches when `nil`.
            public var issuer: String?

            /// Creates the value.
            public init(id: String, issuer: String? = nil) {
                self.id = id
                self.issuer = issuer
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The first alert cancelled: the caller's own if it had one, else the highest level.
            public var alert: Site.Alert
            /// Every alert cancelled; `nil` from sites older than this field, which cancel only one.
            public var cancelled: [Site.Alert]?

            /// Creates the value.
            public init(alert: Site.Alert, cancelled: [Site.Alert]? = nil) {
                self.alert = alert
                self.cancelled = cancelled
            }
        }
    }
}
