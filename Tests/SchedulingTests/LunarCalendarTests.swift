import Foundation
import Testing
@testable import Scheduling

/// The computed Vietnamese lunar calendar against published tables (Tests/Fixtures/calendar, with their sources).
@Suite("Vietnamese lunar calendar")
struct LunarCalendarTests {
    /// One row of the fixture: a lunar year as published.
    struct PublishedYear {
        let year: Int
        /// Tết in Hồ Ngọc Đức's table (historical: the UTC+8 calendar before 1968).
        let tet: LocalDate
        let leapMonth: Int
        let monthLengths: [Int]
        /// Tết in python-holidays' Vietnamese (UTC+7) and Chinese (UTC+8) tables, 1901–2099.
        let holidaysVietnam: LocalDate?
        let holidaysChina: LocalDate?
    }

    static let published: [Int: PublishedYear] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/calendar/vietnamese-lunar-years.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { fatalError("cannot read \(url.path)") }
        var years: [Int: PublishedYear] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("year") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 6, let year = Int(fields[0]), let tet = LocalDate(fields[1]),
                  let leap = Int(fields[2])
            else { fatalError("bad fixture line \(line)") }
            let lengths = fields[3].split(separator: ",").compactMap { Int($0) }
            years[year] = PublishedYear(year: year, tet: tet, leapMonth: leap, monthLengths: lengths,
                                        holidaysVietnam: LocalDate(fields[4]), holidaysChina: LocalDate(fields[5]))
        }
        return years
    }()

    private let vietnam = LunarCalendar.vietnam

    @Test("Tết 1950–2100 is the published date; 1965 differs only because Vietnam then used the UTC+8 calendar")
    func tet() throws {
        let china = LunarCalendar(utcOffsetHours: 8)
        var historical: [Int] = []
        for year in 1950...2100 {
            let published = try #require(Self.published[year])
            let computed = try #require(vietnam.newYear(year))
            if let holidays = published.holidaysVietnam { #expect(computed == holidays, "Tết \(year)") }
            if year >= 1968 {
                #expect(computed == published.tet, "Tết \(year)")
            } else if computed != published.tet {
                historical.append(year)
                #expect(china.newYear(year) == published.tet, "Tết \(year) in the table is the UTC+8 date")
            }
        }
        #expect(historical == [1965])
    }

    @Test("Vietnam and China differ in 1965, 1968, 1969, 1985, 2007, 2030 and 2053; China's dates are the UTC+8 ones")
    func vietnamAndChina() throws {
        let china = LunarCalendar(utcOffsetHours: 8)
        var differing: [Int] = []
        for year in 1950...2099 {
            let published = try #require(Self.published[year])
            #expect(china.newYear(year) == published.holidaysChina, "Chinese New Year \(year)")
            if vietnam.newYear(year) != china.newYear(year) { differing.append(year) }
        }
        #expect(differing == [1965, 1968, 1969, 1985, 2007, 2030, 2053])
        #expect(vietnam.newYear(1985)?.description == "1985-01-21")
        #expect(china.newYear(1985)?.description == "1985-02-20")
        #expect(vietnam.newYear(2007)?.description == "2007-02-17")
        #expect(china.newYear(2007)?.description == "2007-02-18")
    }

    @Test("leap months 2000–2050: the same month, start and length as the published table")
    func leapMonths() throws {
        var leapYears: [Int] = []
        for year in 2000...2050 {
            let published = try #require(Self.published[year])
            let months = try #require(vietnam.months(ofYear: year))
            let leap = months.first(where: \.isLeap)
            #expect((leap?.number ?? 0) == published.leapMonth, "leap month of \(year)")
            if let leap {
                leapYears.append(year)
                let index = try #require(months.firstIndex(of: leap))
                #expect(leap.length == published.monthLengths[index])
                let offset = published.monthLengths[..<index].reduce(0, +)
                #expect(leap.firstDay.dayNumber == published.tet.dayNumber + offset)
            }
        }
        #expect(leapYears == [2001, 2004, 2006, 2009, 2012, 2014, 2017, 2020, 2023, 2025, 2028, 2031, 2033, 2036,
                              2039, 2042, 2044, 2047, 2050])
    }

    @Test("every month from Tết 1968 to the end of 2199 starts and ends on the published day")
    func everyMonth() throws {
        for year in 1968...2199 {
            let published = try #require(Self.published[year])
            let months = try #require(vietnam.months(ofYear: year))
            #expect(months.first?.firstDay == published.tet)
            #expect(months.map(\.length) == published.monthLengths, "month lengths of \(year)")
            #expect((months.first(where: \.isLeap)?.number ?? 0) == published.leapMonth, "leap month of \(year)")
        }
    }

    @Test("lunar and Gregorian dates convert both ways for every day 1900–2199")
    func roundTrip() throws {
        let first = try #require(vietnam.newYear(1900)).dayNumber
        let last = try #require(vietnam.newYear(2199)).dayNumber + 353
        for day in first...last {
            let lunar = try #require(vietnam.date(of: LocalDate(dayNumber: day)))
            #expect(vietnam.gregorianDate(of: lunar)?.dayNumber == day)
        }
        #expect(vietnam.gregorianDate(of: LunarDate(year: 2027, month: 3, day: 10))?.description == "2027-04-16")
        #expect(vietnam.date(of: try #require(LocalDate("2027-04-16")))?.description == "10/3 âm lịch")
        #expect(vietnam.gregorianDate(of: LunarDate(year: 2025, month: 6, isLeap: true, day: 1))?.description
                == "2025-07-25")
        #expect(vietnam.gregorianDate(of: LunarDate(year: 2026, month: 6, isLeap: true, day: 1)) == nil)
    }

    @Test("the new moon series reproduces Meeus's example 49.a (1977 February 18)")
    func meeusExample() {
        #expect(abs(LunarAstronomy.newMoonEphemeris(-283) - 2_443_192.65118) < 0.00001)
    }
}
