import Testing
@testable import Scheduling

/// The examples of RFC 5545 §3.8.5.3 that fall inside the supported subset, in America/New_York.
@Suite("RFC 5545 examples")
struct RFC5545ExampleTests {
    @Test("daily for 10 occurrences")
    func dailyCount() throws {
        let days = try TestSupport.days("FREQ=DAILY;COUNT=10", start: "1997-09-02T09:00:00")
        #expect(days == (2...11).map { "1997-09-\(pad($0, 2))" })
    }

    @Test("daily until December 24, 1997 (UTC UNTIL)")
    func dailyUntil() throws {
        let all = try TestSupport.expand("FREQ=DAILY;UNTIL=19971224T000000Z", start: "1997-09-02T09:00:00")
        #expect(all.count == 113)
        #expect(all.first == "1997-09-02T09:00:00-04:00")
        #expect(all.last == "1997-12-23T09:00:00-05:00")
    }

    @Test("every 10 days, 5 occurrences")
    func everyTenDays() throws {
        let days = try TestSupport.days("FREQ=DAILY;INTERVAL=10;COUNT=5", start: "1997-09-02T09:00:00")
        #expect(days == ["1997-09-02", "1997-09-12", "1997-09-22", "1997-10-02", "1997-10-12"])
    }

    @Test("weekly for 10 occurrences keeps 09:00 local across the October DST change")
    func weeklyCount() throws {
        let all = try TestSupport.expand("FREQ=WEEKLY;COUNT=10", start: "1997-09-02T09:00:00")
        #expect(all.count == 10)
        #expect(all[7] == "1997-10-21T09:00:00-04:00")
        #expect(all[8] == "1997-10-28T09:00:00-05:00")
    }

    @Test("weekly on Tuesday and Thursday for five weeks")
    func weeklyTuesdayThursday() throws {
        let days = try TestSupport.days(
            "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", start: "1997-09-02T09:00:00"
        )
        #expect(days == [
            "1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16",
            "1997-09-18", "1997-09-23", "1997-09-25", "1997-09-30", "1997-10-02",
        ])
    }

    @Test("every other week on Monday, Wednesday and Friday until December 24, 1997")
    func everyOtherWeekMWF() throws {
        let days = try TestSupport.days(
            "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", start: "1997-09-01T09:00:00"
        )
        #expect(days.map { String($0.suffix(5)) } == [
            "09-01", "09-03", "09-05", "09-15", "09-17", "09-19", "09-29", "10-01", "10-03", "10-13", "10-15",
            "10-17", "10-27", "10-29", "10-31", "11-10", "11-12", "11-14", "11-24", "11-26", "11-28", "12-08",
            "12-10", "12-12", "12-22",
        ])
    }

    @Test("every other week on Tuesday and Thursday, for 8 occurrences")
    func everyOtherWeekCount() throws {
        let days = try TestSupport.days(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", start: "1997-09-02T09:00:00"
        )
        #expect(days == [
            "1997-09-02", "1997-09-04", "1997-09-16", "1997-09-18",
            "1997-09-30", "1997-10-02", "1997-10-14", "1997-10-16",
        ])
    }

    @Test("WKST decides which weeks INTERVAL=2 counts", arguments: [
        ("MO", ["1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"]),
        ("SU", ["1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"]),
    ])
    func weekStart(wkst: String, expected: [String]) throws {
        let days = try TestSupport.days(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=\(wkst)", start: "1997-08-05T09:00:00"
        )
        #expect(days == expected)
    }

    @Test("monthly on the first Friday for 10 occurrences")
    func firstFriday() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", start: "1997-09-05T09:00:00")
        #expect(days == [
            "1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05", "1998-01-02",
            "1998-02-06", "1998-03-06", "1998-04-03", "1998-05-01", "1998-06-05",
        ])
    }

    @Test("monthly on the first Friday until December 24, 1997")
    func firstFridayUntil() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", start: "1997-09-05T09:00:00")
        #expect(days == ["1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05"])
    }

    @Test("every other month on the first and last Sunday, for 10 occurrences")
    func firstAndLastSunday() throws {
        let days = try TestSupport.days(
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", start: "1997-09-07T09:00:00"
        )
        #expect(days == [
            "1997-09-07", "1997-09-28", "1997-11-02", "1997-11-30", "1998-01-04",
            "1998-01-25", "1998-03-01", "1998-03-29", "1998-05-03", "1998-05-31",
        ])
    }

    @Test("monthly on the second-to-last Monday for 6 months")
    func secondToLastMonday() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", start: "1997-09-22T09:00:00")
        #expect(days == ["1997-09-22", "1997-10-20", "1997-11-17", "1997-12-22", "1998-01-19", "1998-02-16"])
    }

    @Test("monthly on the third-to-the-last day of the month")
    func thirdToLastDay() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;BYMONTHDAY=-3", start: "1997-09-28T09:00:00", limit: 6)
        #expect(days == ["1997-09-28", "1997-10-29", "1997-11-28", "1997-12-29", "1998-01-29", "1998-02-26"])
    }

    @Test("monthly on the 2nd and 15th for 10 occurrences")
    func secondAndFifteenth() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", start: "1997-09-02T09:00:00")
        #expect(days.count == 10)
        #expect(days.prefix(4) == ["1997-09-02", "1997-09-15", "1997-10-02", "1997-10-15"])
        #expect(days.last == "1998-01-15")
    }

    @Test("monthly on the first and last day for 10 occurrences")
    func firstAndLastDay() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", start: "1997-09-30T09:00:00")
        #expect(days == [
            "1997-09-30", "1997-10-01", "1997-10-31", "1997-11-01", "1997-11-30",
            "1997-12-01", "1997-12-31", "1998-01-01", "1998-01-31", "1998-02-01",
        ])
    }

    @Test("every Tuesday, every other month")
    func tuesdaysEveryOtherMonth() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", start: "1997-09-02T09:00:00", limit: 10)
        #expect(days == [
            "1997-09-02", "1997-09-09", "1997-09-16", "1997-09-23", "1997-09-30",
            "1997-11-04", "1997-11-11", "1997-11-18", "1997-11-25", "1998-01-06",
        ])
    }

    @Test("every Friday the 13th (BYDAY limits BYMONTHDAY)")
    func fridayThirteenth() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", start: "1997-09-02T09:00:00", limit: 5)
        #expect(days == ["1998-02-13", "1998-03-13", "1998-11-13", "1999-08-13", "2000-10-13"])
    }

    @Test("the first Saturday that follows the first Sunday of the month")
    func saturdayAfterFirstSunday() throws {
        let days = try TestSupport.days(
            "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", start: "1997-09-13T09:00:00", limit: 6
        )
        #expect(days == ["1997-09-13", "1997-10-11", "1997-11-08", "1997-12-13", "1998-01-10", "1998-02-07"])
    }

    @Test("every 20 minutes from 9:00 to 16:40 every day")
    func everyTwentyMinutes() throws {
        let all = try TestSupport.expand(
            "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", start: "1997-09-02T09:00:00", limit: 25
        )
        #expect(all.prefix(3) == [
            "1997-09-02T09:00:00-04:00", "1997-09-02T09:20:00-04:00", "1997-09-02T09:40:00-04:00",
        ])
        #expect(all[23] == "1997-09-02T16:40:00-04:00")
        #expect(all[24] == "1997-09-03T09:00:00-04:00")
    }
}
