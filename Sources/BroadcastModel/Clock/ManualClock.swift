import Foundation
import Synchronization

/// A clock that only moves when told to, so tests can jump forwards and backwards deterministically.
///
/// It is a class so that a test can hold it while the code under test reads it; a mutex keeps it safe to share.
public final class ManualClock: Clock, Sendable {
    private let current: Mutex<Date>
    private let elapsed = Mutex<TimeInterval>(0)

    /// Starts the clock at `start`.
    public init(_ start: Date) {
        current = Mutex(start)
    }

    /// Returns the instant last set or reached by advancing.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock to `date`, which may be earlier than now to simulate a backward wall-clock jump.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    /// Moves the clock by `interval` seconds; a negative interval jumps backwards. The monotonic `uptime()` moves
    /// forwards only.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 += interval }
        elapsed.withLock { $0 += max(0, interval) }
    }

    /// Seconds advanced since the clock was made: the monotonic clock that `set(_:)` never moves.
    public func uptime() -> TimeInterval {
        elapsed.withLock { $0 }
    }
}
