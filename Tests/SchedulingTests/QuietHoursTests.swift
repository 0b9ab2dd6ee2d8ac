import BroadcastModel
import Foundation
import Testing
@testable import Scheduling

@Suite("Quiet hours")
struct QuietHoursTests {
    private let night = QuietHours(from: TestSupport.time("21:30"), to: TestSupport.time("05:00"))
    private let zone = TestSupport.zone("Asia/Ho_Chi_Minh")

    @Test("a period spanning midnight includes its start and excludes its end", arguments: [
        ("21:29:59", false), ("21:30", true), ("23:59:59", true), ("00:00", true), ("04:59:59", true),
        ("05:00", false), ("12:00", false),
    ])
    func spanningMidnight(time: String, inside: Bool) {
        #expect(night.contains(TestSupport.time(time)) == inside)
    }

    @Test("a daytime period does not wrap", arguments: [("11:59", false), ("12:00", true), ("13:30", false)])
    func daytime(time: String, inside: Bool) {
        let lunch = QuietHours(from: TestSupport.time("12:00"), to: TestSupport.time("13:30"))
        #expect(lunch.contains(TestSupport.time(time)) == inside)
    }

    @Test("instants are read on the schedule's wall clock")
    func instants() {
        #expect(night.contains(TestSupport.instant("2026-12-01T22:00:00+07:00"), in: zone))
        #expect(!night.contains(TestSupport.instant("2026-12-01T22:00:00Z"), in: zone))
        #expect(night.contains(TestSupport.instant("2026-12-01T22:00:00Z"), in: TimeZone(identifier: "UTC")!))
    }

    @Test("equal bounds mean no quiet period")
    func empty() {
        let none = QuietHours(from: TestSupport.time("05:00"), to: TestSupport.time("05:00"))
        #expect(!none.contains(TestSupport.time("05:00")))
    }

    @Test("normal is skipped, priority follows the policy, emergency always plays", arguments: [
        (BroadcastLevel.normal, QuietHoursPolicy.play, QuietHoursDecision.skipQuietHours),
        (.normal, .skip, .skipQuietHours),
        (.priority, .play, .play),
        (.priority, .skip, .skipQuietHours),
        (.emergency, .skip, .play),
        (.emergency, .play, .play),
    ])
    func decisions(level: BroadcastLevel, policy: QuietHoursPolicy, expected: QuietHoursDecision) {
        let gate = QuietHoursGate(quietHours: night, zone: zone, priorityPolicy: policy)
        #expect(gate.decide(level: level, start: TestSupport.instant("2026-12-01T23:00:00+07:00")) == expected)
        #expect(gate.decide(level: level, start: TestSupport.instant("2026-12-01T12:00:00+07:00")) == .play)
    }

    @Test("a schedule without quiet hours plays everything")
    func noQuietHours() throws {
        let gate = try Schedule(programmes: []).quietHoursGate(priorityPolicy: .skip)
        #expect(gate.decide(level: .normal, start: TestSupport.instant("2026-12-01T23:00:00+07:00")) == .play)
    }
}
