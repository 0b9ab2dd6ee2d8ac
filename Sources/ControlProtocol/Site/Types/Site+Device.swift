import BroadcastModel

extension Site {
    /// The audio output device, as reported in health.
    public struct Device: Codable, Sendable, Hashable {
        /// Whether the device works.
        public var state: Tolerant<DeviceState>
        /// The ALSA PCM name.
        public var name: String
        /// The most recent device error, if any.
        public var lastError: String?
        /// Buffer underruns since the daemon started.
        public var underruns: Int

        /// Creates the value; optional fields default to `nil`.
        public init(state: DeviceState, name: String, lastError: String? = nil, underruns: Int) {
            self.state = Tolerant(state)
            self.name = name
            self.lastError = lastError
            self.underruns = underruns
        }

        private enum CodingKeys: String, CodingKey {
            case state
            case name
            case lastError = "last_error"
            case underruns
        }
    }
}
