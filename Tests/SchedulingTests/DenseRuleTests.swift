import Foundation
import Testing
@testable import Scheduling

/// HOURLY, MINUTELY and lunar rules go through quiet hours, downtime, conflicts and the planner exactly as the
/// older forms do, and the checks stay bounded however often a rule airs.
@Suite("Dense and lunar rules in planning, quiet hours and conflicts")
struct DenseRuleTests {
    private static func rule(_ id: String, _ text: String, start: String, level: ProgrammeLevel = .normal) throws
        -> Programme {
        Programme(id: id, title: id, media: "\(id).opus", level: level,
                  recurrence: .rrule(try RecurrenceRule(parsing: text), start: TestSupport.local(start)))
    }

    private let schedule: Schedule
    private let quiet = QuietHours(from: TestSupport.time("21:30"), to: TestSupport.time("05:00"))

    init() throws {
        schedule = Schedule(quietHours: quiet, programmes: [
            try Self.rule("lu-lut", "FREQ=HOURLY;BYMINUTE=0", start: "2026-10-01T00:00:00"),
            try Self.rule("nhac-nho", "FREQ=MINUTELY;INTERVAL=10", start: "2026-10-01T00:00:00", level: .priority),
            Programme(id: "ram", title: "ram", media: "ram.opus",
                      recurrence: .lunar(LunarSchedule(days: [15], times: [TestSupport.time("06:00")]))),
        ])
    }

    @Test("quiet hours skip the night's hourly airings and the priority reminders under the skip policy")
    func quietHours() throws {
        let start = TestSupport.instant("2026-10-05T20:59:00+07:00")
        var planner = SitePlanner(priorityPolicy: .skip, plannedThrough: start)
        try planner.install([("lu", schedule, false)], since: start)
        let due = try planner.advance(to: TestSupport.instant("2026-10-05T22:00:00+07:00"))
        let hourly = due.filter { $0.programme.id == "lu-lut" }
        #expect(hourly.map(\.decision) == [.missed(lateness: 3600), .quietHours])
        let reminders = due.filter { $0.programme.id == "nhac-nho" }
        #expect(reminders.count == 7)
        #expect(reminders.filter { $0.decision == .quietHours }.count == 4)
        #expect(planner.nextDue?.occurrence.start == TestSupport.instant("2026-10-05T22:10:00+07:00"))
    }

    @Test("a lunar airing is due on its lunar day, and downtime reports it like any other")
    func lunarDue() throws {
        let midAutumn = LunarCalendar.vietnam.gregorianDate(of: LunarDate(year: 2026, month: 8, day: 15))
        let fifteenth = try #require(midAutumn)
        let airing = TestSupport.instant("\(fifteenth)T06:00:00+07:00")
        let late = try schedule.lateOccurrences(since: airing - 60, now: airing + 120)
        #expect(late.filter { $0.occurrence.programmeID == "ram" }.map(\.disposition) == [.playLate])
    }

    @Test("a conflict check against a MINUTELY campaign finds the clash and stays bounded")
    func boundedConflicts() throws {
        let durations: [String: TimeInterval] = [
            "nhac-nho.opus": 30, "bao.opus": 300, "lu-lut.opus": 60, "ram.opus": 60,
        ]
        let checker = ConflictChecker(schedule: schedule, durations: durations)
        let bulletin = try Self.rule("bao", "FREQ=DAILY;BYHOUR=7;BYMINUTE=8", start: "2026-10-01T00:00:00",
                                     level: .priority)
        let now = TestSupport.instant("2026-10-05T00:00:00+07:00")
        let began = ContinuousClock.now
        let conflict = try #require(try checker.firstConflict(adding: bulletin, now: now))
        #expect(conflict.otherProgrammeID == "nhac-nho")
        #expect(conflict.start == TestSupport.instant("2026-10-05T07:08:00+07:00"))
        let quiet = try Self.rule("bao", "FREQ=DAILY;BYHOUR=7;BYMINUTE=1", start: "2026-10-01T00:00:00",
                                  level: .priority)
        #expect(try checker.firstConflict(adding: quiet, now: now) == nil)
        #expect(ContinuousClock.now - began < .seconds(30))
    }

    @Test("a whole directory with a MINUTELY campaign is checked for clashes within the airing bound")
    func boundedDirectoryClashes() throws {
        let bulletin = Schedule(programmes: [
            try Self.rule("bao", "FREQ=DAILY;BYHOUR=7;BYMINUTE=8", start: "2026-10-01T00:00:00", level: .priority),
        ])
        let began = ContinuousClock.now
        let now = TestSupport.instant("2026-10-05T00:00:00+07:00")
        let files = [("lu.yaml", schedule), ("bao.yaml", bulletin)]
        let clashes = try ConflictChecker.clashes(among: files, now: now) { _ in 300 }
        #expect(clashes.map(\.conflict.otherProgrammeID).contains("nhac-nho"))
        #expect(clashes.first { $0.conflict.programmeID == "bao" }?.conflict.start
                == TestSupport.instant("2026-10-05T07:08:00+07:00"))
        #expect(ContinuousClock.now - began < .seconds(30))
    }

    @Test("an hourly programme's airings in a spring-forward gap are one airing, not two at the same instant")
    func gapDuplicates() throws {
        let programme = try Self.rule("h", "FREQ=HOURLY", start: "2026-03-08T00:00:00")
        let zone = TestSupport.zone("America/New_York")
        let from = TestSupport.instant("2026-03-08T00:00:00-05:00")
        let starts = programme.occurrences(in: from..<(from + 5 * 3600), zone: zone).map(\.start)
        #expect(starts.count == 5)
        #expect(Set(starts).count == starts.count)
    }
}
