import Foundation

/// The one source of the wall-clock "now" for Scheduling, Store, Playout and the daemon.
///
/// None of them reads the time itself (DESIGN §2): the daemon makes one live clock and hands the same one to each
/// part, and tests inject a ``ManualClock``, so every decision that depends on the date (planning, expiry,
/// `max_late`, the times in the as-run log and the store) can be replayed exactly. Intervals that must not jump
/// when the wall clock is set (timeouts, retries, the watchdog's heartbeat) use the monotonic clock instead.
public protocol Clock: Sendable {
    /// The current absolute instant.
    func now() -> Date

    /// Seconds on a monotonic clock, for intervals that must not jump when the wall clock is set (a stream's stall
    /// and switch deadlines): the system's uptime on the live clock, a counter moved by `advance(by:)` in tests.
    func uptime() -> TimeInterval
}

extension Clock {
    /// The system's monotonic clock, for every clock that does not keep its own.
    public func uptime() -> TimeInterval {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}

/// The live wall clock: the one place those modules ask the system for the date.
public struct SystemClock: Clock {
    /// Creates the live clock.
    public init() {}

    /// Reads the system's real-time clock.
    public func now() -> Date {
        Date()
    }
}
