/// Where a relayed stream stands, as the site's stream reader tracks it and health and `monitor` report it
/// (issue 18): the one stream-state type of the package.
public enum StreamState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for the first URL to answer and fill the buffer.
    case connecting
    /// A URL is on air; the buffer level says how much is in hand.
    case playing
    /// The URL on air sends nothing (or too little); the buffer has run dry and a switch is being prepared.
    case stalled
    /// No URL plays: the fallback is on air.
    case fallback
    /// The reader was stopped.
    case stopped
}
