import Foundation

/// A clock that only moves when told to, so tests can jump forwards and backwards deterministically.
///
/// It is a class so that a test can hold it while the code under test reads it; a lock keeps it safe to share.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts the clock at `start`.
    public init(_ start: Date) {
        current = start
    }

    /// Returns the instant last set or reached by advancing.
    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock to `date`, which may be earlier than now to simulate a backward wall-clock jump.
    public func set(_ date: Date) {
        lock.lock()
        defer { lock.unlock() }
        current = date
    }

    /// Moves the clock by `interval` seconds; a negative interval jumps backwards.
    public func advance(by interval: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        current += interval
    }
}
