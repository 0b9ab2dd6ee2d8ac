/// The condition of the audio output device, as the engine tracks it and health reports it: the one device-state
/// type of the package.
public enum DeviceState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Open and playing or ready.
    case ok
    /// Cannot be opened or was lost; the daemon retries.
    case degraded
    /// Not opened yet, or released on purpose.
    case closed
}
