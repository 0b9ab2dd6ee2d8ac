import BroadcastModel

extension Site {
    /// Something that happened on a site, streamed by `Monitor`; fields that do not apply to the kind are `nil`.
    public struct Event: Codable, Sendable, Hashable {
        /// What happened.
        public var kind: Tolerant<Site.EventKind>
        /// When (RFC 3339).
        public var at: String
        /// The level of the item concerned.
        public var level: Tolerant<BroadcastLevel>?
        /// The media concerned.
        public var media: String?
        /// Who asked for the item: `alert:ID`, `play:ID` or `schedule:ID`.
        public var source: String?
        /// The alert concerned.
        public var alertId: String?
        /// The alert's new state.
        public var alertState: Tolerant<AlertState>?
        /// The device's new state.
        public var deviceState: Tolerant<DeviceState>?
        /// The outcome logged for the item.
        public var outcome: Tolerant<AsRunOutcome>?
        /// Why, in words an operator can act on.
        public var reason: String?
        /// How many events the client missed (`events_lost`).
        public var lost: Int?

        /// Creates the value; optional fields default to `nil`.
        public init(
            kind: Site.EventKind,
            at: String,
            level: BroadcastLevel? = nil,
            media: String? = nil,
            source: String? = nil,
            alertId: String? = nil,
            alertState: AlertState? = nil,
            deviceState: DeviceState? = nil,
            outcome: AsRunOutcome? = nil,
            reason: String? = nil,
            lost: Int? = nil
        ) {
            self.kind = Tolerant(kind)
            self.at = at
            self.level = level.map { Tolerant($0) }
            self.media = media
            self.source = source
            self.alertId = alertId
            self.alertState = alertState.map { Tolerant($0) }
            self.deviceState = deviceState.map { Tolerant($0) }
            self.outcome = outcome.map { Tolerant($0) }
            self.reason = reason
            self.lost = lost
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
            case lost
        }
    }
}
