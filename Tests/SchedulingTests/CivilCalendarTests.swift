import Testing
@testable import Scheduling

@Suite("Civil calendar arithmetic")
struct CivilCalendarTests {
    @Test("day numbers round-trip through civil dates", arguments: [-800_000, -719_468, -1, 0, 1, 20_000, 2_932_896])
    func roundTrip(dayNumber: Int) {
        let civil = CivilCalendar.civil(dayNumber: dayNumber)
        #expect(CivilCalendar.dayNumber(year: civil.year, month: civil.month, day: civil.day) == dayNumber)
    }

    @Test("known dates have the expected day numbers and weekdays")
    func knownDates() {
        #expect(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(LocalDate(year: 1970, month: 1, day: 1)?.weekday == .thursday)
        #expect(LocalDate(year: 2026, month: 12, day: 1)?.weekday == .tuesday)
        #expect(LocalDate(year: 2000, month: 2, day: 29)?.weekday == .tuesday)
        #expect(LocalDate(year: 1969, month: 12, day: 31)?.dayNumber == -1)
    }

    @Test("leap years follow the Gregorian rule", arguments: [
        (2024, true), (2026, false), (2027, false), (2028, true), (1900, false), (2000, true),
    ])
    func leapYears(year: Int, isLeap: Bool) {
        #expect(CivilCalendar.isLeapYear(year) == isLeap)
        #expect(CivilCalendar.daysInMonth(year: year, month: 2) == (isLeap ? 29 : 28))
    }

    @Test("nonexistent dates are refused, never normalised", arguments: ["2027-02-29", "2026-04-31", "2026-13-01"])
    func nonexistentDates(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test("month indexes convert both ways, including before year 0")
    func monthIndexes() {
        for index in [-25, -1, 0, 11, 12, 24_311] {
            let (year, month) = CivilCalendar.yearMonth(monthIndex: index)
            #expect(CivilCalendar.monthIndex(year: year, month: month) == index)
            #expect((1...12).contains(month))
        }
    }

    @Test("local values parse and print in ISO 8601")
    func parsing() {
        #expect(LocalDate("20261231")?.description == "2026-12-31")
        #expect(LocalDate("2026-12-31")?.description == "2026-12-31")
        #expect(LocalDate("2026--1-01") == nil)
        #expect(LocalDate("2026-1--01") == nil)
        #expect(LocalTime("05:30")?.description == "05:30")
        #expect(LocalTime("24:00") == nil)
        #expect(LocalTime("+5:30") == nil)
        #expect(LocalTime("-0:00") == nil)
        #expect(LocalDateTime("20260308T023000")?.description == "2026-03-08T02:30:00")
        #expect(LocalDateTime("2026-03-08T02:30")?.description == "2026-03-08T02:30:00")
        #expect(LocalDateTime(wallSeconds: -1).description == "1969-12-31T23:59:59")
    }
}
