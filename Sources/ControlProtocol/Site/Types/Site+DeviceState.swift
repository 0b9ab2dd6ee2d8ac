extension Site {
    /// The condition of the audio output device.
    public enum DeviceState: String, Codable, Sendable, Hashable, CaseIterable {
        /// Open and playing or ready.
        case ok
        /// Missing or failing; the daemon retries.
        case degraded
        /// Released on purpose.
        case closed
    }
}
