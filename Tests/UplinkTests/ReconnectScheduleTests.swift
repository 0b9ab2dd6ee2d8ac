import Foundation
import Testing
@testable import Uplink

/// The reconnect policy and schedule with an injected random source and clock: full jitter between the minimum and
/// a ceiling that doubles from 2 s to 5 min, failover within a round, reset after a stable connection.
@Suite("Reconnect schedule")
struct ReconnectScheduleTests {
    /// A random source that returns the values it was given, in turn.
    struct Scripted: RandomNumberGenerator {
        var values: [UInt64]
        var position = 0

        mutating func next() -> UInt64 {
            defer { position = (position + 1) % values.count }
            return values[position]
        }
    }

    @Test("The ceiling doubles from 2 s and stops at 5 min")
    func ceilings() {
        let policy = ReconnectPolicy()
        let ceilings = (1...10).map { policy.ceiling(afterFailures: $0) }
        #expect(ceilings == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300].map { Duration.seconds($0) })
    }

    @Test("The wait is drawn over the whole span: the lowest draw gives the minimum, the highest the ceiling")
    func fullJitter() {
        let policy = ReconnectPolicy()
        var low = Scripted(values: [1])
        var high = Scripted(values: [UInt64.max])
        #expect(policy.delay(afterFailures: 4, using: &low) == .milliseconds(250))
        let top = policy.delay(afterFailures: 4, using: &high)
        #expect(top > .milliseconds(15_990) && top <= .seconds(16), "\(top)")
        var system = SystemRandomNumberGenerator()
        let draws = Set((0..<50).map { _ in policy.delay(afterFailures: 9, using: &system) })
        #expect(draws.count > 40, "50 draws gave only \(draws.count) different waits")
        #expect(draws.allSatisfy { $0 >= .milliseconds(250) && $0 <= .seconds(300) })
    }

    @Test("A round tries each broker at once; only a whole failed round waits")
    func failoverWithinRound() {
        var schedule = ReconnectSchedule(policy: ReconnectPolicy(), brokerCount: 2,
                                         random: Scripted(values: [UInt64.max]))
        #expect(schedule.brokerIndex == 0)
        #expect(schedule.attemptFailed() == .zero)
        #expect(schedule.brokerIndex == 1)
        let wait = schedule.attemptFailed()
        #expect(wait > .milliseconds(1_990) && wait <= .seconds(2), "\(wait)")
        #expect(schedule.brokerIndex == 0)
        #expect(schedule.attemptFailed() == .zero)
        let second = schedule.attemptFailed()
        #expect(second > .milliseconds(3_990) && second <= .seconds(4), "the ceiling did not double: \(second)")
    }

    @Test("A connection that stayed up a minute starts the backoff again; a short one does not")
    func resetAfterStableConnection() {
        var schedule = ReconnectSchedule(policy: ReconnectPolicy(), brokerCount: 1,
                                         random: Scripted(values: [UInt64.max]))
        let start = ContinuousClock.now
        for _ in 0..<5 { _ = schedule.attemptFailed() }
        schedule.connected(at: start)
        let short = schedule.connectionLost(at: start + .seconds(5))
        #expect(short > .seconds(60), "a flapping connection reset the backoff: \(short)")
        schedule.connected(at: start + .seconds(10))
        let stable = schedule.connectionLost(at: start + .seconds(100))
        #expect(stable <= .seconds(2), "\(stable)")
    }
}
