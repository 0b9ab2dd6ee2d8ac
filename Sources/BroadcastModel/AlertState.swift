/// Where an alert is in its life on a site: the one alert-state type of the package, kept by the store and shown on
/// the wire as it is. Only `pending` and `playing` alerts are live: they survive restarts and hold their media against
/// deletion. The others are kept for history and for refusing replays.
public enum AlertState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Accepted, waiting for its first airing or its next repeat (`nextDueAt`).
    case pending
    /// On air now.
    case playing
    /// Every repeat aired.
    case done
    /// Cancelled by an operator or the province; a replay of its id is refused.
    case cancelled
    /// Its expiry passed before all repeats aired.
    case expired
    /// Could not be played (missing media, device failure) and will not be retried.
    case failed
}
