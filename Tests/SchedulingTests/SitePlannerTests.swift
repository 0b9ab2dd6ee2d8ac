import Foundation
import Testing
@testable import Scheduling

@Suite("SitePlanner: several schedules, quiet hours, downtime and clock jumps")
struct SitePlannerTests {
    private let day = Schedule(
        quietHours: QuietHours(from: TestSupport.time("21:30"), to: TestSupport.time("05:00")),
        programmes: [
            TestSupport.friendly("tin-sang", at: ["05:30"]),
            TestSupport.friendly("tin-khuya", at: ["22:00"]),
            TestSupport.friendly("canh-bao-dem", at: ["23:00"], level: .priority),
        ]
    )
    private let berlin = Schedule(timezone: "Europe/Berlin", programmes: [TestSupport.friendly("berlin", at: ["06:00"])])

    private func planner(at text: String, policy: QuietHoursPolicy = .skip) throws -> SitePlanner {
        var planner = SitePlanner(priorityPolicy: policy, plannedThrough: TestSupport.instant(text))
        try planner.install([("xa", day, false), ("ban-be", berlin, false)], since: TestSupport.instant(text))
        return planner
    }

    @Test("each schedule is read in its own time zone, and the earliest airing of any is next")
    func zones() throws {
        let planner = try planner(at: "2026-12-01T04:00:00+07:00")
        #expect(planner.nextDue?.occurrence.programmeID == "tin-sang")
        var later = try self.planner(at: "2026-12-01T06:00:00+07:00")
        _ = try later.advance(to: TestSupport.instant("2026-12-01T06:00:00+07:00"))
        // 06:00 in Berlin (UTC+1 in December) is 12:00 in Hanoi, before the 22:00 programme.
        #expect(later.nextDue?.occurrence.programmeID == "berlin")
        #expect(later.nextDue?.occurrence.start == TestSupport.instant("2026-12-01T12:00:00+07:00"))
    }

    @Test("the next airing says whether quiet hours will skip it, so the amplifier is not warmed for it")
    func nextInQuietHours() throws {
        var skipping = try planner(at: "2026-12-01T21:00:00+07:00", policy: .skip)
        #expect(skipping.nextDue?.programme.id == "tin-khuya")
        #expect(skipping.nextDueFallsInQuietHours)
        _ = try skipping.advance(to: TestSupport.instant("2026-12-01T22:30:00+07:00"))
        #expect(skipping.nextDue?.programme.id == "canh-bao-dem")
        #expect(skipping.nextDueFallsInQuietHours, "priority is skipped under the skip policy")
        var playing = try planner(at: "2026-12-01T22:30:00+07:00", policy: .play)
        #expect(playing.nextDue?.programme.id == "canh-bao-dem")
        #expect(!playing.nextDueFallsInQuietHours, "priority plays through quiet hours under the play policy")
        _ = try playing.advance(to: TestSupport.instant("2026-12-02T05:10:00+07:00"))
        #expect(playing.nextDue?.programme.id == "tin-sang")
        #expect(!playing.nextDueFallsInQuietHours, "05:30 is after quiet hours")
    }

    @Test("quiet hours skip normal programmes; priority follows the site's policy")
    func quietHours() throws {
        var skipping = try planner(at: "2026-12-01T21:00:00+07:00", policy: .skip)
        let skipped = try skipping.advance(to: TestSupport.instant("2026-12-01T23:00:00+07:00"))
        #expect(skipped.map(\.programme.id) == ["tin-khuya", "canh-bao-dem"])
        #expect(skipped.map(\.decision) == [.quietHours, .quietHours])

        var playing = try planner(at: "2026-12-01T22:30:00+07:00", policy: .play)
        let played = try playing.advance(to: TestSupport.instant("2026-12-01T23:00:00+07:00") + 0.02)
        #expect(played.map(\.programme.id) == ["canh-bao-dem"])
        guard case .play(let lateness) = try #require(played.first).decision else {
            Issue.record("priority should play through quiet hours with policy play")
            return
        }
        #expect(abs(lateness - 0.02) < 0.001)
    }

    @Test("after downtime an airing later than max_late is missed, a recent one plays late")
    func downtime() throws {
        var planner = try planner(at: "2026-12-01T05:00:00+07:00")
        let due = try planner.advance(to: TestSupport.instant("2026-12-01T05:34:00+07:00"))
        #expect(due.map(\.decision) == [.play(lateness: 240)])
        var later = try self.planner(at: "2026-12-01T05:00:00+07:00")
        let missed = try later.advance(to: TestSupport.instant("2026-12-01T05:36:00+07:00"))
        #expect(missed.map(\.decision) == [.missed(lateness: 360)])
        #expect(later.nextDue?.occurrence.programmeID == "berlin")
    }

    @Test("a forward jump returns what it jumped over once; a backward jump replays nothing")
    func clockJumps() throws {
        var planner = try planner(at: "2026-12-01T05:29:59+07:00")
        #expect(try planner.advance(to: TestSupport.instant("2026-12-01T05:30:00+07:00")).count == 1)
        // Forward by eight hours: Berlin's 06:00 (12:00 here) was jumped over by more than max_late.
        let jumped = try planner.advance(to: TestSupport.instant("2026-12-01T13:30:00+07:00"))
        #expect(jumped.map(\.programme.id) == ["berlin"])
        #expect(jumped.map(\.decision) == [.missed(lateness: 5_400)])
        // Back to 05:00: nothing is returned, and passing 05:30 and 12:00 again airs nothing twice.
        #expect(try planner.advance(to: TestSupport.instant("2026-12-01T05:00:00+07:00")).isEmpty)
        #expect(try planner.advance(to: TestSupport.instant("2026-12-01T13:00:00+07:00")).isEmpty)
        #expect(planner.nextDue?.occurrence.programmeID == "tin-khuya")
    }

    @Test("re-installing an unchanged schedule keeps its state; a changed one does not replay what aired")
    func reinstall() throws {
        var planner = try planner(at: "2026-12-01T05:29:00+07:00")
        #expect(try planner.advance(to: TestSupport.instant("2026-12-01T05:30:01+07:00")).count == 1)
        var edited = day
        edited.programmes.append(TestSupport.friendly("nhac", at: ["05:45"]))
        // The operator reloads at 05:31 with the 05:30 programme still in the file.
        try planner.install([("xa", edited, false), ("ban-be", berlin, false)],
                            since: TestSupport.instant("2026-12-01T05:20:00+07:00"))
        let due = try planner.advance(to: TestSupport.instant("2026-12-01T05:45:00+07:00"))
        #expect(due.map(\.programme.id) == ["nhac"])
        try planner.install([("ban-be", berlin, false)], since: TestSupport.instant("2026-12-01T05:45:00+07:00"))
        #expect(planner.entries.keys.sorted() == ["ban-be"])
        #expect(planner.nextDue?.occurrence.programmeID == "berlin")
    }

    @Test("the conflict checker sees programmes of every schedule, each in its own zone")
    func conflictsAcrossSchedules() throws {
        let checker = ConflictChecker(schedules: [day, berlin]) { _ in 600 }
        let clash = TestSupport.friendly("trua", at: ["12:05"])
        let conflict = try #require(try checker.firstConflict(
            adding: clash, timeZone: "Asia/Ho_Chi_Minh", now: TestSupport.instant("2026-12-01T00:00:00+07:00")
        ))
        #expect(conflict.otherProgrammeID == "berlin")
        #expect(conflict.start == TestSupport.instant("2026-12-01T12:05:00+07:00"))
        #expect(conflict.description.contains("2026-12-01T12:05:00+07:00"))
        let free = TestSupport.friendly("chieu", at: ["12:10"])
        #expect(try checker.firstConflict(
            adding: free, timeZone: "Asia/Ho_Chi_Minh", now: TestSupport.instant("2026-12-01T00:00:00+07:00")
        ) == nil)
    }
}
