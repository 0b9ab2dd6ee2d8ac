import CommuneCastTesting
import Foundation
import Testing

@Suite("communecast calendar and lunar schedules, through the built binary")
struct LunarCommandTests {
    @Test("calendar prints Tết, every month with its first day and length, and marks the leap month")
    func calendarText() throws {
        let result = try CLI.run("calendar", "2025")
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.components(separatedBy: "\n")
        #expect(lines.first == "Âm lịch 2025 (năm Ất Tỵ), computed for UTC+7")
        #expect(lines.contains("Tết Nguyên Đán: 2025-01-29 (Wednesday)"))
        #expect(lines.contains("Leap month: tháng 6 nhuận, after the regular month 6"))
        #expect(lines.contains { $0.hasPrefix("6 nhuận") && $0.contains("2025-07-25") && $0.hasSuffix("29") })
        #expect(lines.filter { $0.contains("2025-") || $0.contains("2026-") }.count == 14)
    }

    @Test("calendar --json lists the months; Tết 1985 is 21 January in Vietnam, in a year with a leap month 2")
    func calendarJSON() throws {
        let year = try CLI.json("calendar", "1985")
        #expect(year["tet"] as? String == "1985-01-21")
        #expect(year["name"] as? String == "Ất Sửu")
        #expect(year["utcOffset"] as? String == "+07:00")
        let months = year["months"] as? [[String: Any]] ?? []
        #expect(months.count == 13)
        #expect(year["leapMonth"] as? Int == 2)
        #expect(months.first?["start"] as? String == "1985-01-21")
        #expect(months.allSatisfy { [29, 30].contains($0["days"] as? Int ?? 0) })
        let leapYear = try CLI.json("calendar", "2025")
        #expect(leapYear["leapMonth"] as? Int == 6)
        #expect((leapYear["months"] as? [[String: Any]])?.filter { $0["leap"] as? Bool == true }.count == 1)
    }

    @Test("calendar refuses a year outside 1900-2199 as a usage error")
    func calendarRange() throws {
        let result = try CLI.run("calendar", "1850")
        #expect(result.status == 2)
        #expect(result.standardError.contains("YEAR must be 1900 to 2199"))
    }

    @Test("next shows lunar airings with their lunar dates: rằm, mùng một and the Hùng Kings' day (10/3)")
    func lunarNext() throws {
        let file = ScheduleCommandTests.examples + "/am-lich.yaml"
        let result = try CLI.run("schedule", "next", file, "--from", "2027-04-10T00:00:00+07:00", "--count", "3")
        #expect(result.standardOutput == """
            2027-04-16T06:30:00+07:00 (10/3 âm lịch) gio-to-hung-vuong
            2027-04-21T06:00:00+07:00 (15/3 âm lịch) mung-mot-ram
            2027-04-21T17:00:00+07:00 (15/3 âm lịch) mung-mot-ram

            """)
        let json = try ProcessRunner.run(CLI.path, ["schedule", "next", file, "--id", "tat-nien", "--from",
                                                    "2026-01-01T00:00:00+07:00", "--count", "2", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
        #expect(entries?.map { $0["start"] as? String } == ["2026-02-16T19:00:00+07:00", "2027-02-05T19:00:00+07:00"])
        // Month 12 has 29 days in both years, so "day 30" airs on the 29th, the eve of Tết.
        #expect(entries?.map { $0["lunar"] as? String } == ["29/12", "29/12"])
    }

    @Test("bad lunar and rule input is refused with file, line and key", arguments: [
        ("lunar: {day: 31}\n    at: [\"06:00\"]", 5, "programmes[0].lunar.day: '31' is not a lunar day"),
        ("lunar: {month: 13, day: 1}\n    at: [\"06:00\"]", 5,
         "programmes[0].lunar.month: '13' is not a lunar month"),
        ("rrule: RSCALE=CHINESE;FREQ=YEARLY\n    start: 2026-01-01T06:00:00", 5,
         "programmes[0].rrule: RSCALE=CHINESE is not supported"),
        ("rrule: FREQ=MONTHLY;BYSETPOS=-1\n    start: 2026-01-01T06:00:00", 5,
         "programmes[0].rrule: BYSETPOS has nothing to select from"),
        ("rrule: FREQ=MONTHLY;BYWEEKNO=20\n    start: 2026-01-01T06:00:00", 5,
         "programmes[0].rrule: BYWEEKNO cannot be used with FREQ=MONTHLY"),
        ("rrule: FREQ=WEEKLY;BYYEARDAY=100\n    start: 2026-01-01T06:00:00", 5,
         "programmes[0].rrule: BYYEARDAY cannot be used with FREQ=WEEKLY"),
        ("rrule: RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31\n    start: 2026-01-01T06:00:00", 5,
         "programmes[0].rrule: BYMONTHDAY=31 is out of range: use 1…30 or -30…-1 (lunar months have 29 or 30 "
         + "days)"),
        ("rrule: FREQ=HOURLY;INTERVAL=2;BYHOUR=7\n    start: 2026-01-01T06:00:00", 5,
         "programmes[0].rrule: the rule never airs: FREQ=HOURLY;INTERVAL=2 from 06:00 never reaches its BYHOUR"),
    ])
    func badInput(programme: String, line: Int, message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("lunar.yaml")
        try "timezone: Asia/Ho_Chi_Minh\nprogrammes:\n  - id: a\n    media: x\n    \(programme)\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLI.run("schedule", "check", file)
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(file):\(line): \(message)"), "\(result.standardError)")
    }
}
