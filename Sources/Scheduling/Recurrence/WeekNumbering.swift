/// RFC 5545 week numbers for one Gregorian year: week 1 is the first week (starting on WKST) with at least four
/// days in the year, and days before it belong to the previous year's last week, days after the last week to the
/// next year's week 1, as in ISO 8601 when WKST is Monday.
struct WeekNumbering {
    /// The first day of week 1 of the year before, the year itself and the two after.
    private let starts: (Int, Int, Int, Int)

    init(year: Int, weekStart: Int) {
        func firstWeek(_ year: Int) -> Int {
            let january1 = CivilCalendar.dayNumber(year: year, month: 1, day: 1)
            let weekBegins = january1 - (CivilCalendar.weekdayIndex(dayNumber: january1) - weekStart + 7) % 7
            return january1 - weekBegins <= 3 ? weekBegins : weekBegins + 7
        }
        starts = (firstWeek(year - 1), firstWeek(year), firstWeek(year + 1), firstWeek(year + 2))
    }

    /// The week number of a day of the year, and how many weeks its week-numbering year has (52 or 53).
    func week(ofDay day: Int) -> (week: Int, total: Int) {
        if day < starts.1 { return ((day - starts.0) / 7 + 1, (starts.1 - starts.0) / 7) }
        if day >= starts.2 { return ((day - starts.2) / 7 + 1, (starts.3 - starts.2) / 7) }
        return ((day - starts.1) / 7 + 1, (starts.2 - starts.1) / 7)
    }
}
