import Foundation
import Testing
@testable import Scheduling

/// Rule forms a commune schedule uses, expanded in Vietnam's zone (UTC+7, no DST).
@Suite("Rule forms")
struct RuleFormTests {
    private let vietnam = "Asia/Ho_Chi_Minh"

    private func vietnamDays(_ rule: String, _ start: String) throws -> [String] {
        try TestSupport.days(rule, start: start, zone: vietnam)
    }

    @Test("DAILY with BYHOUR and BYMINUTE expands to every combination, in order")
    func dailyExpansion() throws {
        let all = try TestSupport.expand(
            "FREQ=DAILY;BYHOUR=17,5;BYMINUTE=30,0;COUNT=5", start: "2026-12-01T05:30:00", zone: vietnam
        )
        #expect(all == [
            "2026-12-01T05:30:00+07:00", "2026-12-01T17:00:00+07:00", "2026-12-01T17:30:00+07:00",
            "2026-12-02T05:00:00+07:00", "2026-12-02T05:30:00+07:00",
        ])
    }

    @Test("DAILY with BYDAY limits to those weekdays")
    func dailyLimitedByDay() throws {
        let days = try vietnamDays("FREQ=DAILY;BYDAY=SA,SU;COUNT=4", "2026-12-01T06:00:00")
        #expect(days == ["2026-12-05", "2026-12-06", "2026-12-12", "2026-12-13"])
    }

    @Test("DAILY with BYMONTHDAY limits to those days of the month")
    func dailyLimitedByMonthDay() throws {
        let days = try vietnamDays("FREQ=DAILY;BYMONTHDAY=1,-1;COUNT=4", "2026-11-15T06:00:00")
        #expect(days == ["2026-11-30", "2026-12-01", "2026-12-31", "2027-01-01"])
    }

    @Test("DAILY with INTERVAL=3")
    func dailyInterval() throws {
        let days = try vietnamDays("FREQ=DAILY;INTERVAL=3;COUNT=4", "2026-12-30T06:00:00")
        #expect(days == ["2026-12-30", "2027-01-02", "2027-01-05", "2027-01-08"])
    }

    @Test("WEEKLY without BYDAY repeats DTSTART's weekday")
    func weeklyDefault() throws {
        let days = try vietnamDays("FREQ=WEEKLY;COUNT=3", "2026-12-02T06:00:00")
        #expect(days == ["2026-12-02", "2026-12-09", "2026-12-16"])
    }

    @Test("WEEKLY with BYDAY skips days of DTSTART's week before DTSTART")
    func weeklyByDay() throws {
        let days = try vietnamDays("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5", "2026-12-02T06:00:00")
        #expect(days == ["2026-12-02", "2026-12-04", "2026-12-07", "2026-12-09", "2026-12-11"])
    }

    @Test("MONTHLY without BYxxx repeats DTSTART's day of the month, skipping short months")
    func monthlyDefault() throws {
        let days = try vietnamDays("FREQ=MONTHLY;COUNT=4", "2027-01-31T06:00:00")
        #expect(days == ["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31"])
    }

    @Test("BYMONTHDAY=31 skips months without a 31st instead of rolling over")
    func monthDayThirtyOne() throws {
        let days = try vietnamDays("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7", "2026-01-01T06:00:00")
        #expect(days == [
            "2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31", "2026-10-31", "2026-12-31",
        ])
    }

    @Test("BYMONTHDAY=-1 is the last day of every month, including February")
    func lastDayOfMonth() throws {
        let days = try vietnamDays("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", "2027-12-01T06:00:00")
        #expect(days == ["2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31"])
    }

    @Test("BYMONTHDAY=29 skips February 2027 but not February 2028", arguments: [
        ("2027-01-01T06:00:00", ["2027-01-29", "2027-03-29"]),
        ("2028-01-01T06:00:00", ["2028-01-29", "2028-02-29"]),
    ])
    func leapDay(start: String, expected: [String]) throws {
        let days = try TestSupport.days("FREQ=MONTHLY;BYMONTHDAY=29;COUNT=2", start: start, zone: vietnam)
        #expect(days == expected)
    }

    @Test("MONTHLY ordinal BYDAY: last Friday and second Tuesday at 19:00")
    func monthlyOrdinals() throws {
        let all = try TestSupport.expand(
            "FREQ=MONTHLY;BYDAY=-1FR,2TU;BYHOUR=19;BYMINUTE=0;COUNT=4", start: "2026-11-01T00:00:00", zone: vietnam
        )
        #expect(all == [
            "2026-11-10T19:00:00+07:00", "2026-11-27T19:00:00+07:00",
            "2026-12-08T19:00:00+07:00", "2026-12-25T19:00:00+07:00",
        ])
    }

    @Test("a fifth weekday exists only in some months")
    func fifthWeekday() throws {
        let days = try vietnamDays("FREQ=MONTHLY;BYDAY=5SU;COUNT=3", "2026-01-01T06:00:00")
        #expect(days == ["2026-03-29", "2026-05-31", "2026-08-30"])
    }

    @Test("DTSTART counts towards COUNT only when it matches the rule")
    func countFromStart() throws {
        let matching = try vietnamDays("FREQ=WEEKLY;BYDAY=TU;COUNT=2", "2026-12-01T06:00:00")
        #expect(matching == ["2026-12-01", "2026-12-08"])
        let notMatching = try vietnamDays("FREQ=WEEKLY;BYDAY=WE;COUNT=2", "2026-12-01T06:00:00")
        #expect(notMatching == ["2026-12-02", "2026-12-09"])
    }

    @Test("COUNT is counted from DTSTART even when the query range starts later")
    func countWithLaterRange() throws {
        let all = try TestSupport.expand(
            "FREQ=DAILY;COUNT=10", start: "2026-12-01T06:00:00", zone: vietnam, from: "2026-12-08T00:00:00+07:00"
        )
        #expect(all == ["2026-12-08T06:00:00+07:00", "2026-12-09T06:00:00+07:00", "2026-12-10T06:00:00+07:00"])
    }

    @Test("UNTIL is inclusive in all three forms", arguments: [
        "UNTIL=20261203", "UNTIL=20261203T060000", "UNTIL=20261202T230000Z",
    ])
    func untilInclusive(until: String) throws {
        let days = try vietnamDays("FREQ=DAILY;\(until)", "2026-12-01T06:00:00")
        #expect(days == ["2026-12-01", "2026-12-02", "2026-12-03"])
    }

    @Test("UNTIL one second before an occurrence excludes it")
    func untilExclusiveBoundary() throws {
        let days = try vietnamDays("FREQ=DAILY;UNTIL=20261203T055959", "2026-12-01T06:00:00")
        #expect(days == ["2026-12-01", "2026-12-02"])
    }

    @Test("a range query is half-open and starts mid-rule without walking from DTSTART")
    func halfOpenRange() throws {
        let all = try TestSupport.expand(
            "FREQ=DAILY;BYHOUR=5,17;BYMINUTE=30", start: "2000-01-01T05:30:00", zone: vietnam,
            from: "2026-12-01T05:30:00+07:00", to: "2026-12-02T05:30:00+07:00"
        )
        #expect(all == ["2026-12-01T05:30:00+07:00", "2026-12-01T17:30:00+07:00"])
    }

    @Test("next(after:) is strictly after the given instant")
    func nextAfter() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=6;BYMINUTE=0")
        let start = TestSupport.local("2026-01-01T00:00:00")
        let zone = TestSupport.zone(vietnam)
        let monday = TestSupport.instant("2026-11-30T06:00:00+07:00")
        #expect(rule.next(after: monday - 1, start: start, in: zone)?.date == monday)
        #expect(rule.next(after: monday, start: start, in: zone)?.description == "2026-12-03T06:00:00+07:00")
    }

    @Test("a rule that can never match ends instead of looping")
    func neverMatching() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30")
        let start = TestSupport.local("2026-02-01T06:00:00")
        #expect(rule.next(after: Date(timeIntervalSince1970: 0), start: start, in: TestSupport.zone(vietnam)) == nil)
    }
}
