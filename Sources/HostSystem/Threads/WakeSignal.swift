import Dispatch
import Synchronization

/// Lets one dedicated thread (the audio thread, the alert timer, the systemd supervisor) sleep until another thread
/// has news for it or a timeout passes. The state those threads share lives in a `Mutex`; this only carries the wake-up, so a thread
/// never waits while holding a lock.
///
/// Any number of `wake()` calls before the sleeper runs again count as one: the sleeper then looks at everything that
/// changed. A wake-up that arrives while the sleeper is busy is kept, so the next `sleep` returns at once.
public final class WakeSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    /// True from a `wake()` until the sleeper has taken it, so repeated wake-ups do not pile up in the semaphore.
    private let pending = Mutex(false)

    /// Nothing pending.
    public init() {}

    /// Wakes the sleeper, or makes its next `sleep` return at once.
    public func wake() {
        let first = pending.withLock { pending in
            defer { pending = true }
            return !pending
        }
        if first { semaphore.signal() }
    }

    /// Sleeps until `wake()` or until `seconds` have passed (monotonic time); true if woken. The sleeper reads the
    /// shared state after this returns, so whatever a waker changed before calling `wake()` is seen.
    @discardableResult
    public func sleep(seconds: Double) -> Bool {
        let woken = semaphore.wait(timeout: .now() + max(0, seconds)) == .success
        if woken { pending.withLock { $0 = false } }
        return woken
    }
}
