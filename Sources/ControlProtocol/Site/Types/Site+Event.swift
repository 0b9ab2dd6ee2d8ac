extension Site {
    /// Something that happened on a site, streamed by `Monitor`; fields that do not apply to the kind are `nil`.
    public struct Event: Codable, Sendable, Hashable {
        /// What happened.
        public var kind: Site.EventKind
        /// When (RFC 3339).
        public var at: String
        /// The level of the item concerned.
        public var level: Site.Level?
        /// The media concerned.
        public var media: String?
        /// Who asked for the item: `alert:ID`, `play:ID` or `schedule:ID`.
        public var source: String?
        /// The alert concerned.
        public var alertId: String?
        /// The alert's new state.
        public var alertState: Site.AlertState?
        /// The device's new state.
        public var deviceState: Site.DeviceState?
        /// The outcome logged for the item.
        public var outcome: Site.Outcome?
        /// Why, in words an operator can act on.
        public var reason: String?

        /// Creates the value; optional fields default to `nil`.
        public init(
            kind: Site.EventKind,
            at: String,
            level: Site.Level? = nil,
            media: String? = nil,
            source: String? = nil,
            alertId: String? = nil,
            alertState: Site.AlertState? = nil,
            deviceState: Site.DeviceState? = nil,
            outcome: Site.Outcome? = nil,
            reason: String? = nil
        ) {
            self.kind = kind
            self.at = at
            self.level = level
            self.media = media
            self.source = source
            self.alertId = alertId
            self.alertState = alertState
            self.deviceState = deviceState
            self.outcome = outcome
            self.reason = reason
        }

        private enum CodingKeys: String, CodingKey {
            case kind
            case at
            case level
            case media
            case source
            case alertId = "alert_id"
            case alertState = "alert_state"
            case deviceState = "device_state"
            case outcome
            case reason
        }
    }
}
