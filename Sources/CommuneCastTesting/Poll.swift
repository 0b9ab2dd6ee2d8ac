import Foundation

/// How every test waits for an event it cannot be told about (a file, a state, a log line): poll the condition until
/// it holds or a generous deadline passes. What takes 50 ms on an idle machine can take seconds beside a compiler on
/// two cores, and a wait that succeeds returns as soon as it does.
public enum Poll {
    /// Checks `condition` every `interval` seconds for up to `timeout` seconds, blocking the thread; returns whether
    /// it held.
    public static func until(timeout: Double = 60, every interval: Double = 0.05,
                             _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return try condition()
    }

    /// `until` for async tests: suspends between checks instead of blocking a thread of the cooperative pool.
    public static func until(timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(10),
                             _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: interval)
        }
        return try condition()
    }
}
