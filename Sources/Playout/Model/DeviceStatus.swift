import BroadcastModel

/// The audio device as health reports it.
public struct DeviceStatus: Sendable, Equatable, Codable {
    /// Current state.
    public var state: DeviceState
    /// ALSA PCM name.
    public var name: String
    /// The last ALSA error, kept after recovery so an installer can see what happened.
    public var lastError: String?
    /// Underruns recovered since the daemon started.
    public var underruns: Int

    /// Creates a status.
    public init(state: DeviceState, name: String, lastError: String? = nil, underruns: Int = 0) {
        self.state = state
        self.name = name
        self.lastError = lastError
        self.underruns = underruns
    }
}
