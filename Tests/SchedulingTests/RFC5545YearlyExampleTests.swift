import Testing
@testable import Scheduling

/// The examples of RFC 5545 §3.8.5.3 that need YEARLY, BYMONTH, BYWEEKNO, BYYEARDAY, BYSETPOS or a Gregorian
/// "every day in January" form, in America/New_York as the RFC gives them.
@Suite("RFC 5545 examples: yearly and set positions")
struct RFC5545YearlyExampleTests {
    @Test("every other day, forever")
    func everyOtherDay() throws {
        let days = try TestSupport.days("FREQ=DAILY;INTERVAL=2", start: "1997-09-02T09:00:00", limit: 16)
        #expect(days.prefix(6) == ["1997-09-02", "1997-09-04", "1997-09-06", "1997-09-08", "1997-09-10", "1997-09-12"])
        #expect(days[14] == "1997-09-30")
        #expect(days[15] == "1997-10-02")
    }

    @Test("every day in January, for 3 years, in both of the RFC's forms", arguments: [
        "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
        "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
    ])
    func everyDayInJanuary(rule: String) throws {
        let days = try TestSupport.days(rule, start: "1998-01-01T09:00:00")
        let expected = [1998, 1999, 2000].flatMap { year in (1...31).map { "\(year)-01-\(pad($0, 2))" } }
        #expect(days == expected)
    }

    @Test("weekly until December 24, 1997")
    func weeklyUntil() throws {
        let days = try TestSupport.days("FREQ=WEEKLY;UNTIL=19971224T000000Z", start: "1997-09-02T09:00:00")
        #expect(days.count == 17)
        #expect(days.last == "1997-12-23")
    }

    @Test("every other week, forever")
    func everyOtherWeek() throws {
        let days = try TestSupport.days("FREQ=WEEKLY;INTERVAL=2;WKST=SU", start: "1997-09-02T09:00:00", limit: 8)
        #expect(days == [
            "1997-09-02", "1997-09-16", "1997-09-30", "1997-10-14", "1997-10-28", "1997-11-11", "1997-11-25",
            "1997-12-09",
        ])
    }

    @Test("weekly on Tuesday and Thursday for five weeks, COUNT form")
    func tuesdayThursdayCount() throws {
        let days = try TestSupport.days("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", start: "1997-09-02T09:00:00")
        #expect(days == [
            "1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16",
            "1997-09-18", "1997-09-23", "1997-09-25", "1997-09-30", "1997-10-02",
        ])
    }

    @Test("every 18 months on the 10th through the 15th, for 10 occurrences")
    func everyEighteenMonths() throws {
        let days = try TestSupport.days(
            "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", start: "1997-09-10T09:00:00"
        )
        #expect(days == [
            "1997-09-10", "1997-09-11", "1997-09-12", "1997-09-13", "1997-09-14", "1997-09-15",
            "1999-03-10", "1999-03-11", "1999-03-12", "1999-03-13",
        ])
    }

    @Test("yearly in June and July for 10 occurrences")
    func juneAndJuly() throws {
        let days = try TestSupport.days("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", start: "1997-06-10T09:00:00")
        #expect(days == (1997...2001).flatMap { ["\($0)-06-10", "\($0)-07-10"] })
    }

    @Test("every other year on January, February and March for 10 occurrences")
    func everyOtherYearFirstQuarter() throws {
        let days = try TestSupport.days("FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", start: "1997-03-10T09:00:00")
        #expect(days == [
            "1997-03-10", "1999-01-10", "1999-02-10", "1999-03-10", "2001-01-10",
            "2001-02-10", "2001-03-10", "2003-01-10", "2003-02-10", "2003-03-10",
        ])
    }

    @Test("every third year on the 1st, 100th and 200th day for 10 occurrences")
    func yearDays() throws {
        let days = try TestSupport.days("FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
                                        start: "1997-01-01T09:00:00")
        #expect(days == [
            "1997-01-01", "1997-04-10", "1997-07-19", "2000-01-01", "2000-04-09",
            "2000-07-18", "2003-01-01", "2003-04-10", "2003-07-19", "2006-01-01",
        ])
    }

    @Test("every 20th Monday of the year, forever")
    func twentiethMonday() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYDAY=20MO", start: "1997-05-19T09:00:00", limit: 3)
        #expect(days == ["1997-05-19", "1998-05-18", "1999-05-17"])
    }

    @Test("Monday of week number 20 (ISO weeks), forever")
    func weekTwenty() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", start: "1997-05-12T09:00:00", limit: 3)
        #expect(days == ["1997-05-12", "1998-05-11", "1999-05-17"])
    }

    @Test("every Thursday in March, forever")
    func thursdaysInMarch() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", start: "1997-03-13T09:00:00", limit: 11)
        #expect(days == [
            "1997-03-13", "1997-03-20", "1997-03-27", "1998-03-05", "1998-03-12", "1998-03-19",
            "1998-03-26", "1999-03-04", "1999-03-11", "1999-03-18", "1999-03-25",
        ])
    }

    @Test("every Thursday, but only during June, July and August, forever")
    func summerThursdays() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", start: "1997-06-05T09:00:00", limit: 39)
        #expect(days.prefix(5) == ["1997-06-05", "1997-06-12", "1997-06-19", "1997-06-26", "1997-07-03"])
        #expect(days[12] == "1997-08-28")
        #expect(days[13] == "1998-06-04")
        #expect(days.last == "1999-08-26")
        #expect(days.allSatisfy { ["06", "07", "08"].contains($0.dropFirst(5).prefix(2)) })
    }

    @Test("every four years, the first Tuesday after a Monday in November (U.S. Presidential Election day)")
    func electionDay() throws {
        let all = try TestSupport.expand(
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", start: "1996-11-05T09:00:00",
            limit: 3
        )
        #expect(all == ["1996-11-05T09:00:00-05:00", "2000-11-07T09:00:00-05:00", "2004-11-02T09:00:00-05:00"])
    }

    @Test("the third instance into the month of one of Tuesday, Wednesday or Thursday, for the next 3 months")
    func thirdTuesdayWednesdayThursday() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", start: "1997-09-04T09:00:00")
        #expect(days == ["1997-09-04", "1997-10-07", "1997-11-06"])
    }

    @Test("the second-to-last weekday of the month")
    func secondToLastWeekday() throws {
        let days = try TestSupport.days(
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", start: "1997-09-29T09:00:00", limit: 7
        )
        #expect(days == [
            "1997-09-29", "1997-10-30", "1997-11-27", "1997-12-30", "1998-01-29", "1998-02-26", "1998-03-30",
        ])
    }

    @Test("an invalid date (February 30) is ignored")
    func februaryThirtieth() throws {
        let days = try TestSupport.days("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", start: "2007-01-15T09:00:00")
        #expect(days == ["2007-01-15", "2007-01-30", "2007-02-15", "2007-03-15", "2007-03-30"])
    }
}
