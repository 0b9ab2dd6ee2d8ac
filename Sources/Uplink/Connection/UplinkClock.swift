/// The uplink's one source of "now": reconnect times, connect and publish deadlines, and how long a received message
/// is remembered. The live clock is monotonic; tests inject one they move by hand.
public protocol UplinkClock: Sendable {
    /// The current instant.
    func now() -> ContinuousClock.Instant
}

/// The system's monotonic clock, unaffected by the wall clock being set.
public struct SystemUplinkClock: UplinkClock {
    /// The live clock.
    public init() {}

    /// `ContinuousClock.now`.
    public func now() -> ContinuousClock.Instant { .now }
}
