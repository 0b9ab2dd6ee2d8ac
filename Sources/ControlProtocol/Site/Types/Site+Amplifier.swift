extension Site {
    /// The amplifier relay.
    public struct Amplifier: Codable, Sendable, Hashable {
        /// Whether the relay is switched on.
        public var on: Bool
        /// Why the relay cannot be switched (GPIO chip missing, command failing); absent while it works.
        public var error: String?

        /// Creates the value; optional fields default to `nil`.
        public init(on: Bool, error: String? = nil) {
            self.on = on
            self.error = error
        }
    }
}
