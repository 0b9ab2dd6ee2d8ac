import BroadcastModel

extension Site {
    /// The stream a relay on air is reading (issue 18), as health shows it under `now_playing`.
    public struct Stream: Codable, Sendable, Hashable {
        /// Connecting, playing, stalled, on fallback.
        public var state: Tolerant<StreamState>
        /// What plays: a URL (primary or alternative), or the fallback.
        public var source: String?
        /// Decoded audio in hand, seconds.
        public var bufferS: Double
        /// Switches since the relay started, the first source included.
        public var switches: Int
        /// The last failure of any of its URLs, in words an operator can act on.
        public var lastFailure: String?
        /// The playback rate correction applied now against the sender's drift, parts per million (0 while the
        /// stream passes through as sent). Nil from a site older than the field.
        public var rateAdjustmentPPM: Int?
        /// Silence played for want of data since the relay started, seconds. Nil from a site older than the field.
        public var underrunS: Double?

        /// Creates the value; optional fields default to `nil`.
        public init(state: StreamState, source: String? = nil, bufferS: Double, switches: Int,
                    lastFailure: String? = nil, rateAdjustmentPPM: Int? = nil, underrunS: Double? = nil) {
            self.state = Tolerant(state)
            self.source = source
            self.bufferS = bufferS
            self.switches = switches
            self.lastFailure = lastFailure
            self.rateAdjustmentPPM = rateAdjustmentPPM
            self.underrunS = underrunS
        }

        private enum CodingKeys: String, CodingKey {
            case state
            case source
            case bufferS = "buffer_s"
            case switches
            case lastFailure = "last_failure"
            case rateAdjustmentPPM = "rate_adjustment_ppm"
            case underrunS = "underrun_s"
        }
    }
}
