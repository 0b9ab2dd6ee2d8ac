import Foundation

/// The one source of "now" for scheduling code.
///
/// Scheduling never reads the time itself (DESIGN §2): the daemon injects a live clock and tests inject a
/// ``ManualClock``, so every time-dependent decision can be replayed exactly.
public protocol Clock: Sendable {
    /// The current absolute instant.
    func now() -> Date
}

/// The live wall clock, the only place in the module that asks the system for the time.
public struct SystemClock: Clock {
    /// Creates the live clock.
    public init() {}

    /// Reads the system's real-time clock.
    public func now() -> Date {
        Date()
    }
}
