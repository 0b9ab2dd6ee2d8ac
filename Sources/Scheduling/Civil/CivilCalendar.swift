/// Proleptic Gregorian calendar arithmetic on plain integers.
///
/// Foundation's `Calendar` is far too slow on Linux for the inner loop of recurrence expansion, so dates are
/// handled as day numbers (days since 1970-01-01) using Howard Hinnant's `days_from_civil` and
/// `civil_from_days` algorithms, which are exact for every year the schedule can name.
enum CivilCalendar {
    /// Seconds in one civil day; leap seconds do not exist in wall-clock time.
    static let secondsPerDay: Int64 = 86_400

    /// The day number of a valid year, month (1…12) and day.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day of a day number.
    static func civil(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The ISO weekday index of a day number: 0 for Monday through 6 for Sunday (1970-01-01 was a Thursday).
    static func weekdayIndex(dayNumber: Int) -> Int {
        let index = (dayNumber + 3) % 7
        return index < 0 ? index + 7 : index
    }

    /// Whether `year` has a 29 February.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month, so that invalid days (31 April, 29 February 2027) can be skipped.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Month index counted from year 0, which makes "add N months" a single addition.
    static func monthIndex(year: Int, month: Int) -> Int {
        year * 12 + (month - 1)
    }

    /// The year and month of a month index produced by ``monthIndex(year:month:)``.
    static func yearMonth(monthIndex: Int) -> (year: Int, month: Int) {
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        return (year, monthIndex - year * 12 + 1)
    }

    /// Integer division rounding towards negative infinity, needed for periods before DTSTART.
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
