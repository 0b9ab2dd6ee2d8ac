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
final class WallClockTimer: @unchecked Sendable {
    /// Why a wait ended.
    enum Wake: Equatable {
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

    init() throws {
        timer = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC))
        guard timer >= 0 else { throw SiteFailure.internalError("timerfd_create failed: \(Self.errorText())") }
        event = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard event >= 0 else {
            close(timer)
            throw SiteFailure.internalError("eventfd failed: \(Self.errorText())")
        }
    }

    deinit {
        close(timer)
        close(event)
    }

    /// Blocks until `deadline` on the wall clock, until the clock is set, until ``wake()``, or for at most
    /// `longest` seconds on the monotonic clock, whichever comes first. A nil deadline waits for the others.
    func wait(until deadline: Date?, longest: TimeInterval) -> Wake {
        var spec = itimerspec()
        if let deadline {
            let seconds = deadline.timeIntervalSince1970
            let whole = seconds.rounded(.down)
            spec.it_value.tv_sec = Int(whole)
            spec.it_value.tv_nsec = max(1, Int((seconds - whole) * 1_000_000_000))
        } else {
            // Armed far ahead, only so that a clock change still cancels the wait.
            spec.it_value.tv_sec = Int(Date().timeIntervalSince1970) + 365 * 86_400
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
    func wake() {
        var one: UInt64 = 1
        _ = write(event, &one, 8)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
