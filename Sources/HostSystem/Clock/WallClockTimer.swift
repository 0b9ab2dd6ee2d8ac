import CLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sleeps until a wall-clock instant, and wakes early when the wall clock is set or when told to.
///
/// It is a `timerfd` on `CLOCK_REALTIME` armed with an absolute expiry and `TFD_TIMER_CANCEL_ON_SET`, so an NTP
/// step or a manual change of the clock ends the wait at once (`ECANCELED`) and the scheduler re-plans, plus an
/// `eventfd` that another thread writes to when schedules change or the daemon stops. Both are waited on with one
/// `poll(2)`, so the thread sleeps in the kernel and uses no CPU between airings.
///
/// Not every step reaches a timerfd: a clock changed inside a container with its own view of time, a virtual
/// machine resumed, or a process run under libfaketime (which the fault tests use) leave it armed for the old
/// instant. So every wait also compares how far the wall clock moved with how far the monotonic clock did; when
/// they disagree by more than ``stepThreshold`` the wait reports ``Wake/clockChanged`` too, whatever else ended it
/// (a caller that was woken re-reads its inputs on any wake anyway). Callers keep waits short enough
/// (the daemon's scheduler uses 10 s) that such a step is noticed soon.
public final class WallClockTimer: @unchecked Sendable {
    /// How far the wall clock may drift from the monotonic clock during one wait before it counts as set.
    public static let stepThreshold: TimeInterval = 1
    /// Why a wait ended.
    public enum Wake: Equatable, Sendable {
        /// The instant was reached.
        case due
        /// The wall clock was set (stepped) while waiting.
        case clockChanged
        /// ``wake()`` was called.
        case woken
        /// The longest wait passed without any of the above.
        case timedOut
    }

    private let timer: Int32
    private let event: Int32
    /// The wall clock (replaceable in tests).
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) throws(SystemCallError) {
        self.now = now
        timer = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC))
        guard timer >= 0 else { throw SystemCallError("timerfd_create") }
        event = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard event >= 0 else {
            let error = SystemCallError("eventfd")
            close(timer)
            throw error
        }
    }

    deinit {
        close(timer)
        close(event)
    }

    /// Blocks until `deadline` on the wall clock, until the clock is set, until ``wake()``, or for at most
    /// `longest` seconds on the monotonic clock, whichever comes first. A nil deadline waits for the others.
    public func wait(until deadline: Date?, longest: TimeInterval) -> Wake {
        let wallBefore = now()
        let monotonicBefore = Self.monotonicSeconds()
        let wake = sleep(until: deadline, longest: longest)
        if wake != .clockChanged {
            let drift = now().timeIntervalSince(wallBefore) - (Self.monotonicSeconds() - monotonicBefore)
            if abs(drift) > Self.stepThreshold { return .clockChanged }
        }
        return wake
    }

    private func sleep(until deadline: Date?, longest: TimeInterval) -> Wake {
        var spec = itimerspec()
        if let deadline {
            let seconds = deadline.timeIntervalSince1970
            let whole = seconds.rounded(.down)
            spec.it_value.tv_sec = Int(whole)
            spec.it_value.tv_nsec = max(1, Int((seconds - whole) * 1_000_000_000))
        } else {
            // Armed far ahead, only so that a clock change still cancels the wait.
            spec.it_value.tv_sec = Int(now().timeIntervalSince1970) + 365 * 86_400
        }
        guard timerfd_settime(timer, Int32(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET), &spec, nil) == 0 else {
            // Cannot arm (should not happen): fall back to a short sleep so the caller re-plans soon.
            Thread.sleep(forTimeInterval: min(longest, 1))
            return .timedOut
        }
        var fds = [pollfd(fd: timer, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: event, events: Int16(POLLIN), revents: 0)]
        let timeout = Int32(max(0, min(longest, 86_400)) * 1_000)
        var ready: Int32
        repeat {
            ready = poll(&fds, 2, timeout)
        } while ready < 0 && errno == EINTR
        if ready <= 0 { return .timedOut }
        if fds[1].revents != 0 {
            var count: UInt64 = 0
            _ = read(event, &count, 8)
            return .woken
        }
        var expirations: UInt64 = 0
        if read(timer, &expirations, 8) < 0, errno == ECANCELED { return .clockChanged }
        return .due
    }

    /// Ends the current or next wait with ``Wake/woken``; safe from any thread.
    public func wake() {
        var one: UInt64 = 1
        _ = write(event, &one, 8)
    }

    private static func monotonicSeconds() -> TimeInterval {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return TimeInterval(spec.tv_sec) + TimeInterval(spec.tv_nsec) / 1_000_000_000
    }
}
