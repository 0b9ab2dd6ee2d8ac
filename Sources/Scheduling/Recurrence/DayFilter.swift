/// The BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY parts of a rule as bit masks, tested day by day.
///
/// RFC 5545 §3.3.10 says for each part whether it expands or limits the period's set; for whole days both come to
/// the same test — a day is in the set when it satisfies every part given — once the parts that default to DTSTART's
/// values have been filled in (``ExpansionPlan``). Keeping the test to a few bit operations keeps expansion fast.
struct DayFilter: Sendable {
    /// Bit `n` for month `n` (1…12); for the lunar calendar, bit `n + 16` for leap month `n`. Zero: any month.
    var months: UInt32 = 0
    /// Bit `d` for day `d` of the month.
    var monthDays: UInt32 = 0
    /// Bit `d` for day `-d` of the month (counted from its end).
    var negativeMonthDays: UInt32 = 0
    /// Bit `i` for ISO weekday index `i` (0 Monday … 6 Sunday), from plain BYDAY entries.
    var weekdays: UInt8 = 0
    /// BYDAY entries with an ordinal, as (ordinal, ISO weekday index).
    var ordinals: [(ordinal: Int, weekday: Int)] = []
    /// Whether ordinals count inside the month (MONTHLY, or YEARLY with BYMONTH) rather than inside the year.
    var ordinalsInMonth = true
    /// Days of the year counted from 1 January (bit `d - 1`) and from 31 December (bit `d - 1` for `-d`).
    var yearDays = DayOfYearSet()
    /// Whether BYYEARDAY was given.
    var hasYearDays = false
    /// Bit `w` for week `w` (BYWEEKNO).
    var weeks: UInt64 = 0
    /// Bit `w` for week `-w`, counted from the end of the week-numbering year.
    var negativeWeeks: UInt64 = 0
    /// The first day of the week (ISO index) for BYWEEKNO.
    var weekStart = 0

    /// Whether BYMONTHDAY (given or defaulted) limits the days.
    var hasMonthDays: Bool { monthDays | negativeMonthDays != 0 }
    /// Whether BYDAY (given or defaulted) limits the days.
    var hasWeekdays: Bool { weekdays != 0 || !ordinals.isEmpty }
    /// Whether BYWEEKNO limits the days.
    var hasWeeks: Bool { weeks | negativeWeeks != 0 }

    /// Whether the month passes BYMONTH.
    func allows(month: Int, isLeap: Bool = false) -> Bool {
        months == 0 || months & (1 << (month + (isLeap ? 16 : 0))) != 0
    }

    /// Whether a day of a month of `length` days passes BYMONTHDAY.
    func allows(dayOfMonth day: Int, length: Int) -> Bool {
        monthDays & (1 << day) != 0 || negativeMonthDays & (1 << (length - day + 1)) != 0
    }

    /// Whether a weekday passes BYDAY, with `position`/`fromEnd` the day's place among the same weekdays of the
    /// month or year (1-based, and negative counted from the end).
    func allows(weekday: Int, position: Int, fromEnd: Int) -> Bool {
        if weekdays & (1 << weekday) != 0 { return true }
        for (ordinal, entry) in ordinals where entry == weekday && (ordinal == position || ordinal == fromEnd) {
            return true
        }
        return false
    }

    /// Whether a day of the year (0-based) of a year of `length` days passes BYYEARDAY.
    func allows(dayOfYear index: Int, length: Int) -> Bool {
        yearDays.contains(index, negative: false) || yearDays.contains(length - 1 - index, negative: true)
    }

    /// Whether a week numbered `week` of `total` weeks passes BYWEEKNO.
    func allows(week: Int, of total: Int) -> Bool {
        weeks & (1 << UInt64(week)) != 0 || negativeWeeks & (1 << UInt64(total - week + 1)) != 0
    }
}
