import Testing
@testable import Scheduling

/// Lunar rules (RSCALE=VIETNAMESE) and RFC 7529 SKIP, expanded in Vietnam's zone; the expected Gregorian dates come
/// from the lunar calendar, which LunarCalendarTests checks against the published tables.
@Suite("Lunar rules and SKIP")
struct LunarRuleTests {
    private let zone = "Asia/Ho_Chi_Minh"
    private let calendar = LunarCalendar.vietnam

    private func days(_ rule: String, _ start: String, limit: Int = 500) throws -> [String] {
        try TestSupport.days(rule, start: start, zone: zone, limit: limit)
    }

    private func gregorian(_ year: Int, _ month: Int, leap: Bool = false, _ day: Int) throws -> String {
        let date = calendar.gregorianDate(of: LunarDate(year: year, month: month, isLeap: leap, day: day))
        return try #require(date).description
    }

    @Test("the Hùng Kings' Commemoration, 10/3 every lunar year, at 06:00")
    func hungKings() throws {
        let all = try TestSupport.expand("RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10;COUNT=10",
                                         start: "2026-01-01T06:00:00", zone: zone)
        #expect(all.first == "2026-04-26T06:00:00+07:00")
        #expect(all[1] == "2027-04-16T06:00:00+07:00")
        #expect(all.map { String($0.prefix(10)) } == (2026...2035).map { try? gregorian($0, 3, 10) })
    }

    @Test("a yearly date airs once in a year with a leap month of that number, in the regular month")
    func leapYearOnce() throws {
        let regular = try days("RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15", "2025-01-01T06:00:00",
                               limit: 2)
        #expect(regular == [try gregorian(2025, 6, 15), try gregorian(2026, 6, 15)])
        let leap = try days("RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=6L;BYMONTHDAY=15", "2025-01-01T06:00:00", limit: 2)
        #expect(leap == ["2025-08-08", try gregorian(2036, 6, leap: true, 15)])
    }

    @Test("a missing leap month: OMIT leaves the year out, BACKWARD uses the regular month, FORWARD the next",
          arguments: [("OMIT", 0), ("BACKWARD", 6), ("FORWARD", 7)])
    func missingLeapMonth(skip: String, month: Int) throws {
        let days = try days("RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=6L;BYMONTHDAY=15;SKIP=\(skip);UNTIL=20280101",
                            "2025-01-01T06:00:00")
        let later = month == 0 ? [] : [try gregorian(2026, month, 15), try gregorian(2027, month, 15)]
        #expect(days == ["2025-08-08"] + later)
    }

    @Test("mùng một and rằm every lunar month, leap months included")
    func firstAndFifteenth() throws {
        let monthly = try days("RSCALE=VIETNAMESE;FREQ=MONTHLY;BYMONTHDAY=1,15;UNTIL=20260216", "2025-01-29T06:00:00")
        let months = try #require(calendar.months(ofYear: 2025))
        #expect(months.count == 13)
        #expect(monthly.count == 26)
        #expect(monthly == months.flatMap { [$0.firstDay, LocalDate(dayNumber: $0.firstDay.dayNumber + 14)] }
            .map(\.description))
        let daily = try days("RSCALE=VIETNAMESE;FREQ=DAILY;BYMONTHDAY=1,15;UNTIL=20260216", "2025-01-29T06:00:00")
        #expect(daily == monthly)
    }

    @Test("day 30 of a 29-day month: OMIT skips it, BACKWARD uses the 29th, FORWARD the next month's 1st")
    func dayThirty() throws {
        let months = try #require(calendar.months(ofYear: 2026))
        let rule = "RSCALE=VIETNAMESE;FREQ=MONTHLY;BYMONTHDAY=30;UNTIL=20270206"
        let omit = try days(rule, "2026-02-17T06:00:00")
        let backward = try days(rule + ";SKIP=BACKWARD", "2026-02-17T06:00:00")
        let forward = try days(rule + ";SKIP=FORWARD", "2026-02-17T06:00:00")
        let last = months.map { LocalDate(dayNumber: $0.firstDay.dayNumber + $0.length - 1).description }
        let thirtieths = months.filter { $0.length == 30 }
        #expect(omit == thirtieths.map { LocalDate(dayNumber: $0.firstDay.dayNumber + 29).description })
        #expect(backward == last)
        #expect(forward == months.map { LocalDate(dayNumber: $0.firstDay.dayNumber + 29).description })
        #expect(omit.count < backward.count)
    }

    @Test("RSCALE=GREGORIAN with SKIP moves the 31st and 29 February (RFC 7529's examples)", arguments: [
        ("FREQ=MONTHLY;BYMONTHDAY=31;SKIP=BACKWARD;COUNT=4",
         ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]),
        ("FREQ=MONTHLY;SKIP=FORWARD;COUNT=4", ["2026-01-31", "2026-03-01", "2026-03-31", "2026-05-01"]),
        ("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", ["2026-01-31", "2026-03-31", "2026-05-31"]),
    ])
    func gregorianSkip(rule: String, expected: [String]) throws {
        #expect(try days("RSCALE=GREGORIAN;" + rule, "2026-01-31T06:00:00") == expected)
    }

    @Test("29 February yearly: FORWARD gives 1 March in common years, BACKWARD 28 February")
    func leapDay() throws {
        let forward = try days("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD;COUNT=3", "2028-02-29T06:00:00")
        #expect(forward == ["2028-02-29", "2029-03-01", "2030-03-01"])
        let backward = try days("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=BACKWARD;COUNT=3", "2028-02-29T06:00:00")
        #expect(backward == ["2028-02-29", "2029-02-28", "2030-02-28"])
    }

    @Test("the friendly form airs at exactly the listed times, and day 30 falls back to the month's last day")
    func friendlyForm() throws {
        let schedule = LunarSchedule(month: RecurrenceMonth(12), days: [30], times: [TestSupport.time("06:00"),
                                                                                     TestSupport.time("17:30")])
        let programme = Programme(id: "tat-nien", title: "", media: "x", recurrence: .lunar(schedule))
        let from = TestSupport.instant("2026-01-01T00:00:00+07:00")
        let to = TestSupport.instant("2029-01-01T00:00:00+07:00")
        let airings = programme.occurrences(in: from..<to, zone: TestSupport.zone(zone))
        let eves = try [2025, 2026, 2027].map { year in
            let month = try #require(calendar.months(ofYear: year)?.last { $0.number == 12 })
            return LocalDate(dayNumber: month.firstDay.dayNumber + month.length - 1)
        }
        #expect(airings.count == 6)
        #expect(airings.map { ISO8601Text.format($0.start, in: TestSupport.zone(zone)) } == eves.flatMap {
            ["\($0)T06:00:00+07:00", "\($0)T17:30:00+07:00"]
        })
        #expect(schedule.rule.description == "RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=30;SKIP=BACKWARD")
    }

    @Test("a lunar rule ends with the computed calendar instead of looping, and a start before it is refused")
    func range() throws {
        let rule = try RecurrenceRule(parsing: "RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1")
        let start = TestSupport.local("2190-01-01T00:00:00")
        let all = Array(rule.occurrences(start: start, in: TestSupport.zone(zone)))
        #expect(all.count == 10)
        #expect(all.last?.localDate == calendar.newYear(2199))
        let later = TestSupport.instant("2250-01-01T00:00:00+07:00")
        #expect(Array(rule.occurrences(start: start, in: TestSupport.zone(zone), from: later)).isEmpty)
        let monthly = try RecurrenceRule(parsing: "RSCALE=VIETNAMESE;FREQ=MONTHLY;INTERVAL=7;BYMONTHDAY=1")
        #expect(Array(monthly.occurrences(start: start, in: TestSupport.zone(zone), from: later)).isEmpty)
        #expect(throws: RRuleError.outsideLunarRange(TestSupport.local("1850-01-01T00:00:00"))) {
            try rule.validate(start: TestSupport.local("1850-01-01T00:00:00"))
        }
    }
}
