import Foundation
import Synchronization
import Testing
@testable import HostSystem

@Suite("WallClockTimer: timerfd on the wall clock, woken by eventfd")
struct WallClockTimerTests {
    @Test("a wait ends at its wall-clock deadline, never before it")
    func firesAtDeadline() throws {
        let timer = try WallClockTimer()
        let deadline = Date().addingTimeInterval(0.2)
        #expect(timer.wait(until: deadline, longest: 60) == .due)
        let late = Date().timeIntervalSince(deadline)
        #expect(late >= 0)
        // At the deadline, not at the longest wait; a loaded machine may wake the thread a little late.
        #expect(late < 1, "woke \(late) s late")
    }

    @Test("a deadline already past ends the wait at once")
    func pastDeadline() throws {
        let timer = try WallClockTimer()
        let start = Date()
        #expect(timer.wait(until: start.addingTimeInterval(-3), longest: 60) == .due)
        #expect(Date().timeIntervalSince(start) < 5, "at once, not after the longest wait")
    }

    @Test("wake() from another thread ends a long wait, and a wake before the wait is not lost")
    func wake() throws {
        let timer = try WallClockTimer()
        let start = Date()
        // Most likely during the wait; a wake that lands before it must end it just the same.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.1)
            timer.wake()
        }
        #expect(timer.wait(until: start.addingTimeInterval(60), longest: 60) == .woken)
        #expect(Date().timeIntervalSince(start) < 30)
        timer.wake()
        #expect(timer.wait(until: nil, longest: 30) == .woken)
    }

    @Test("with no deadline the longest wait bounds it")
    func longest() throws {
        let timer = try WallClockTimer()
        let start = Date()
        #expect(timer.wait(until: nil, longest: 0.15) == .timedOut)
        #expect(Date().timeIntervalSince(start) >= 0.14)
    }

    @Test("a step of the wall clock that no timerfd reports is found by comparing it with the monotonic clock")
    func unreportedStep() throws {
        let calls = Mutex(0)
        // The first reading is the real time; later ones are two minutes ahead, as after a step.
        let timer = try WallClockTimer(now: {
            let count = calls.withLock { value in
                value += 1
                return value
            }
            return Date().addingTimeInterval(count == 1 ? 0 : 120)
        })
        #expect(timer.wait(until: nil, longest: 0.05) == .clockChanged)
        let steady = try WallClockTimer()
        #expect(steady.wait(until: nil, longest: 0.05) == .timedOut)
        #expect(steady.wait(until: Date().addingTimeInterval(0.05), longest: 60) == .due)
    }
}
