extension Site {
    /// The amplifier relay.
    public struct Amplifier: Codable, Sendable, Hashable {
        /// Whether the relay is switched on.
        public var on: Bool

        /// Creates the value.
        public init(on: Bool) {
            self.on = on
        }
    }
}
