import BroadcastModel
import Foundation
import Testing
@testable import Scheduling

@Suite("Planner and wall-clock jumps")
struct PlannerTests {
    private let schedule = Schedule(programmes: [
        TestSupport.friendly("tin-sang", at: ["05:30"]),
        TestSupport.friendly("nhac", at: ["06:00"]),
        TestSupport.friendly("tin-toi", at: ["17:00"]),
    ])

    @Test("the planner starts from the clock and names the next due occurrence")
    func initial() throws {
        let clock = ManualClock(TestSupport.instant("2026-12-01T05:00:00+07:00"))
        let planner = try Planner(schedule: schedule, clock: clock)
        #expect(planner.nextDue?.programmeID == "tin-sang")
        #expect(planner.nextDue?.start == TestSupport.instant("2026-12-01T05:30:00+07:00"))
    }

    @Test("waking at the due time returns it to play, then plans the next")
    func normalFlow() throws {
        let clock = ManualClock(TestSupport.instant("2026-12-01T05:00:00+07:00"))
        var planner = try Planner(schedule: schedule, clock: clock)
        clock.set(TestSupport.instant("2026-12-01T05:30:00+07:00"))
        let due = try planner.replan(clock: clock)
        #expect(due.map(\.occurrence.programmeID) == ["tin-sang"])
        #expect(due.first?.disposition == .playLate)
        planner.markAired(try #require(due.first).occurrence)
        #expect(planner.nextDue?.programmeID == "nhac")
    }

    @Test("a forward jump skips to the right next occurrence and classifies what it jumped over")
    func forwardJump() throws {
        let clock = ManualClock(TestSupport.instant("2026-12-01T05:00:00+07:00"))
        var planner = try Planner(schedule: schedule, clock: clock)
        clock.advance(by: 64 * 60)
        let skipped = try planner.replan(clock: clock)
        #expect(skipped.map(\.occurrence.programmeID) == ["tin-sang", "nhac"])
        #expect(skipped.map(\.disposition) == [.missed, .playLate])
        #expect(planner.nextDue?.programmeID == "tin-toi")
        #expect(planner.nextDue?.start == TestSupport.instant("2026-12-01T17:00:00+07:00"))
    }

    @Test("a backward jump does not replay occurrences that already aired")
    func backwardJump() throws {
        let clock = ManualClock(TestSupport.instant("2026-12-01T05:29:00+07:00"))
        var planner = try Planner(schedule: schedule, clock: clock)
        clock.set(TestSupport.instant("2026-12-01T06:00:00+07:00"))
        for late in try planner.replan(clock: clock) { planner.markAired(late.occurrence) }
        #expect(planner.nextDue?.programmeID == "tin-toi")

        clock.set(TestSupport.instant("2026-12-01T05:00:00+07:00"))
        #expect(try planner.replan(clock: clock).isEmpty)
        #expect(planner.nextDue?.programmeID == "tin-toi")

        clock.set(TestSupport.instant("2026-12-01T06:10:00+07:00"))
        #expect(try planner.replan(clock: clock).isEmpty)
        #expect(planner.hasAired(Occurrence(
            programmeID: "nhac", start: TestSupport.instant("2026-12-01T06:00:00+07:00"), level: .normal
        )))
    }

    @Test("a backward jump before an occurrence that did not air plans it again")
    func backwardJumpBeforeUnaired() throws {
        let clock = ManualClock(TestSupport.instant("2026-12-01T05:29:00+07:00"))
        var planner = try Planner(schedule: schedule, clock: clock)
        clock.set(TestSupport.instant("2026-12-01T05:31:00+07:00"))
        for late in try planner.replan(clock: clock) { planner.markAired(late.occurrence) }
        clock.set(TestSupport.instant("2026-12-01T05:50:00+07:00"))
        _ = try planner.replan(clock: clock)
        clock.set(TestSupport.instant("2026-12-01T05:10:00+07:00"))
        _ = try planner.replan(clock: clock)
        #expect(planner.nextDue?.programmeID == "nhac")
    }

    @Test("restarting from a persisted last run catches up, skipping what the state says aired")
    func restart() throws {
        let aired = ["tin-sang": TestSupport.instant("2026-12-01T05:30:00+07:00")]
        var planner = try Planner(
            schedule: schedule, plannedThrough: TestSupport.instant("2026-12-01T05:00:00+07:00"), lastAired: aired
        )
        let due = try planner.replan(now: TestSupport.instant("2026-12-01T06:01:00+07:00"))
        #expect(due.map(\.occurrence.programmeID) == ["nhac"])
    }
}
