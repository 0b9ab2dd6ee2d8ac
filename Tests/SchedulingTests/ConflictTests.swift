import BroadcastModel
import Foundation
import Testing
@testable import Scheduling

@Suite("Conflicts")
struct ConflictTests {
    private let clock = ManualClock(TestSupport.instant("2026-11-30T00:00:00+07:00"))
    private let durations: [String: TimeInterval] = ["nong-nghiep.opus": 900, "tin-sang.opus": 600, "bao.opus": 300]

    private var schedule: Schedule {
        Schedule(programmes: [
            TestSupport.friendly("nong-nghiep", days: [.tuesday], at: ["05:30"]),
            TestSupport.friendly("bao", at: ["05:30"], level: .priority),
        ])
    }

    @Test("a same-level overlap reports both ids and the first clashing time")
    func overlap() throws {
        let checker = ConflictChecker(schedule: schedule, durations: durations)
        let conflict = try checker.firstConflict(adding: TestSupport.friendly("tin-sang", at: ["05:40"]), clock: clock)
        let found = try #require(conflict)
        #expect(found.programmeID == "tin-sang")
        #expect(found.otherProgrammeID == "nong-nghiep")
        #expect(found.start == TestSupport.instant("2026-12-01T05:40:00+07:00"))
        #expect(found.description
            == "programme 'tin-sang' at 2026-12-01T05:40:00+07:00 overlaps 'nong-nghiep' (05:30–05:45)")
    }

    @Test("a programme ending as another starts does not clash, and other levels never clash")
    func adjacentAndOtherLevels() throws {
        let checker = ConflictChecker(schedule: schedule, durations: durations)
        let before = TestSupport.friendly("tin-sang", at: ["05:20"])
        #expect(try checker.firstConflict(adding: before, clock: clock) == nil)
        let after = TestSupport.friendly("tin-sang", at: ["05:45"])
        #expect(try checker.firstConflict(adding: after, clock: clock) == nil)
    }

    @Test("a new programme that starts first still clashes with one starting during it")
    func startsEarlier() throws {
        let checker = ConflictChecker(schedule: schedule, durations: durations)
        let conflict = try checker.firstConflict(adding: TestSupport.friendly("tin-sang", at: ["05:25"]), clock: clock)
        #expect(conflict?.description
            == "programme 'tin-sang' at 2026-12-01T05:25:00+07:00 overlaps 'nong-nghiep' (05:30–05:45)")
    }

    @Test("clashes beyond the horizon are not reported")
    func horizon() throws {
        var late = TestSupport.friendly("tin-sang", days: [.tuesday], at: ["05:30"])
        late.from = TestSupport.date("2028-01-01")
        let checker = ConflictChecker(schedule: schedule, durations: durations)
        #expect(try checker.firstConflict(adding: late, clock: clock) == nil)
        let found = try checker.firstConflict(adding: late, now: clock.now(), horizon: 800 * 86_400)
        #expect(found?.start == TestSupport.instant("2028-01-04T05:30:00+07:00"))
    }

    @Test("queueing places the airing after the one it would overlap")
    func queued() throws {
        let checker = ConflictChecker(schedule: schedule, durations: durations)
        let programme = TestSupport.friendly("tin-sang", at: ["05:40"])
        let start = TestSupport.instant("2026-12-01T05:40:00+07:00")
        #expect(try checker.queuedStart(of: programme, at: start) == TestSupport.instant("2026-12-01T05:45:00+07:00"))
        let wednesday = TestSupport.instant("2026-12-02T05:40:00+07:00")
        #expect(try checker.queuedStart(of: programme, at: wednesday) == wednesday)
    }

    @Test("an unknown media duration is an error naming the programme and media")
    func unknownDuration() {
        let checker = ConflictChecker(schedule: schedule, durations: [:])
        #expect(throws: ScheduleError.unknownMediaDuration(programme: "tin-sang", media: "tin-sang.opus")) {
            try checker.firstConflict(adding: TestSupport.friendly("tin-sang", at: ["05:40"]), clock: clock)
        }
    }
}

@Suite("Conflicts among several schedules")
struct ScheduleClashTests {
    private let now = TestSupport.instant("2026-11-30T00:00:00+07:00")
    private let durations: [String: TimeInterval] = ["a": 900, "b": 600]

    @Test("each programme's first clash with settled schedules, earlier files and its own file, named by schedule")
    func namesBothSchedules() throws {
        let added = Schedule(programmes: [TestSupport.friendly("them", days: [.tuesday], at: ["18:00"], media: "b")])
        let xa = Schedule(programmes: [
            TestSupport.friendly("sang", at: ["05:30"], media: "a"),
            TestSupport.friendly("sang-2", at: ["05:40"], media: "b"),
        ])
        let dem = Schedule(programmes: [
            TestSupport.friendly("toi", days: [.tuesday], at: ["18:05"], media: "b"),
            TestSupport.friendly("bao", at: ["05:30"], level: .priority, media: "a"),
        ])
        let durations = durations
        let clashes = try ConflictChecker.clashes(among: [("xa.yaml", xa), ("dem.yaml", dem)],
                                                  settled: [("them (added)", added)], now: now) { durations[$0] }
        #expect(clashes.count == 2)
        #expect(clashes.first?.description.hasPrefix(
            "xa.yaml: programme 'sang-2' at 2026-11-30T05:40:00+07:00 overlaps 'sang' (05:30") == true)
        #expect(clashes.last?.description.hasPrefix(
            "dem.yaml: programme 'toi' at 2026-12-01T18:05:00+07:00 overlaps 'them' (18:00") == true)
        #expect(clashes.last?.description.hasSuffix(") of them (added)") == true)
        #expect(clashes.first?.description.hasSuffix(")") == true, "no 'of' for two programmes of one file")
        #expect(clashes.map(\.otherSchedule) == ["xa.yaml", "them (added)"])
    }

    @Test("an unknown media duration is an error, not a silent pass")
    func unknownDuration() {
        let xa = Schedule(programmes: [TestSupport.friendly("sang", at: ["05:30"], media: "a")])
        #expect(throws: ScheduleError.unknownMediaDuration(programme: "sang", media: "a")) {
            try ConflictChecker.clashes(among: [("xa.yaml", xa)], now: now) { _ in nil }
        }
    }
}
