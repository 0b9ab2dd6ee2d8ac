import Foundation
import Testing
@testable import Scheduling

@Suite("Programmes")
struct ProgrammeTests {
    private let zone = TestSupport.zone("Asia/Ho_Chi_Minh")
    private let december = TestSupport.instant("2026-11-30T17:00:00Z")..<TestSupport.instant("2026-12-14T17:00:00Z")

    private func localStarts(_ programme: Programme, in range: Range<Date>) -> [String] {
        programme.occurrences(in: range, zone: zone).map { ISO8601Text.format($0.start, in: zone) }
    }

    @Test("the friendly form airs every listed time on every listed day")
    func friendlyForm() {
        let programme = TestSupport.friendly("tin-sang", days: [.monday, .wednesday], at: ["17:00", "05:30"])
        #expect(localStarts(programme, in: december) == [
            "2026-12-02T05:30:00+07:00", "2026-12-02T17:00:00+07:00", "2026-12-07T05:30:00+07:00",
            "2026-12-07T17:00:00+07:00", "2026-12-09T05:30:00+07:00", "2026-12-09T17:00:00+07:00",
            "2026-12-14T05:30:00+07:00", "2026-12-14T17:00:00+07:00",
        ])
    }

    @Test("from and until are inclusive local dates, and except dates are left out")
    func datesLimitAirings() {
        var programme = TestSupport.friendly("nong-nghiep", at: ["06:00"])
        programme.from = TestSupport.date("2026-12-03")
        programme.until = TestSupport.date("2026-12-06")
        programme.except = [TestSupport.date("2026-12-05")]
        #expect(localStarts(programme, in: december).map { String($0.prefix(10)) } == [
            "2026-12-03", "2026-12-04", "2026-12-06",
        ])
    }

    @Test("from, until and except also apply to RRULE programmes")
    func datesLimitRules() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY;BYHOUR=19;BYMINUTE=0")
        let programme = Programme(
            id: "thoi-su", title: "Thời sự", media: "thoi-su.opus",
            recurrence: .rrule(rule, start: TestSupport.local("2026-01-01T19:00:00")),
            from: TestSupport.date("2026-12-10"), until: TestSupport.date("2026-12-12"),
            except: [TestSupport.date("2026-12-11")]
        )
        #expect(localStarts(programme, in: december) == ["2026-12-10T19:00:00+07:00", "2026-12-12T19:00:00+07:00"])
    }

    @Test("a schedule file decodes with defaults and round-trips through JSON")
    func codable() throws {
        let json = """
        {
          "quiet_hours": {"from": "21:30", "to": "05:00"},
          "programmes": [
            {"id": "tin-sang", "title": "Tin sáng", "media": "tin-sang.opus", "days": ["mon", "fri"], "at": ["05:30"]},
            {"id": "bao-cao", "title": "Báo cáo", "media": "abc123", "level": "priority",
             "rrule": "FREQ=MONTHLY;BYDAY=-1FR", "dtstart": "2026-01-30T17:00:00",
             "from": "2026-02-01", "except": ["2026-05-29"], "on_preempt": "restart", "max_late": 60},
            {"id": "ram", "media": "ram.opus", "lunar": {"month": "6L", "day": [15, 30]}, "at": ["06:00"]}
          ]
        }
        """
        let schedule = try JSONDecoder().decode(Schedule.self, from: Data(json.utf8))
        #expect(schedule.timezone == "Asia/Ho_Chi_Minh")
        #expect(schedule.quietHours == QuietHours(from: TestSupport.time("21:30"), to: TestSupport.time("05:00")))
        #expect(schedule.programmes[0].onPreempt == .resume)
        #expect(schedule.programmes[0].maxLate == 300)
        let friendly = Recurrence.friendly(days: [.monday, .friday], at: [TestSupport.time("05:30")])
        #expect(schedule.programmes[0].recurrence == friendly)
        #expect(schedule.programmes[1].level == .priority)
        #expect(schedule.programmes[1].onPreempt == .restart)
        #expect(schedule.programmes[1].except == [TestSupport.date("2026-05-29")])
        let lunar = LunarSchedule(month: RecurrenceMonth(6, leap: true), days: [15, 30],
                                  times: [TestSupport.time("06:00")], skip: .backward)
        #expect(schedule.programmes[2].recurrence == .lunar(lunar))
        let again = try JSONDecoder().decode(Schedule.self, from: JSONEncoder().encode(schedule))
        #expect(again == schedule)
    }

    @Test("a bad rule in a schedule file fails decoding with the operator's message")
    func badRuleInFile() {
        let json = #"""
        {"programmes": [{"id": "x", "media": "x", "rrule": "FREQ=SECONDLY", "dtstart": "2026-01-01T05:00"}]}
        """#
        #expect {
            try JSONDecoder().decode(Schedule.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription
                == "FREQ=SECONDLY is not supported: broadcasts repeat at most every minute, use FREQ=MINUTELY"
        }
    }

    @Test("validation names the programme and the field", arguments: [
        (TestSupport.friendly("", at: ["05:30"]), "programme '' has an empty id: give every programme a unique id"),
        (TestSupport.friendly("a", days: [], at: ["05:30"]),
         "programme 'a' has no days: list at least one of mon, tue, wed, thu, fri, sat, sun"),
        (TestSupport.friendly("b", at: []),
         "programme 'b' has no times: list at least one time under at, e.g. \"05:30\""),
    ])
    func validation(programme: Programme, message: String) {
        #expect { try programme.validate() } throws: { ($0 as? ScheduleError)?.description == message }
    }

    @Test("reversed dates and negative max_late are refused")
    func moreValidation() {
        var reversed = TestSupport.friendly("c", at: ["05:30"])
        reversed.from = TestSupport.date("2026-12-10")
        reversed.until = TestSupport.date("2026-12-01")
        #expect(throws: ScheduleError.dateRangeReversed(
            programme: "c", from: TestSupport.date("2026-12-10"), until: TestSupport.date("2026-12-01")
        )) { try reversed.validate() }
        var early = TestSupport.friendly("d", at: ["05:30"])
        early.maxLate = -1
        #expect(throws: ScheduleError.negativeMaxLate(programme: "d", seconds: -1)) { try early.validate() }
    }
}
