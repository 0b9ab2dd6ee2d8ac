extension Site {
    /// `ListAlerts`: lists alerts that are pending, playing or finished recently.
    public enum ListAlerts: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.ListAlerts"
        /// Reading alerts is for every role.
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
            /// The alerts.
            public var alerts: [Site.Alert]

            /// Creates the value.
            public init(alerts: [Site.Alert]) {
                self.alerts = alerts
            }
        }
    }
}
