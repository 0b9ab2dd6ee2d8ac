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
    /// Bit `w` for week `w` and, in `negativeWeeks`, for week `-w`.
    var weeks: UInt64 = 0
    var negativeWeeks: UInt64 = 0
    /// The first day of the week (ISO index) for BYWEEKNO.
    var weekStart = 0

    var hasMonthDays: Bool { monthDays | negativeMonthDays != 0 }
    var hasWeekdays: Bool { weekdays != 0 || !ordinals.isEmpty }
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

/// Two sets of day-of-year positions (0…365), for BYYEARDAY counted from either end of the year.
struct DayOfYearSet: Sendable {
    private var positive: [UInt64] = Array(repeating: 0, count: 6)
    private var negative: [UInt64] = Array(repeating: 0, count: 6)

    /// Adds BYYEARDAY value `value` (1…366 or -366…-1).
    mutating func insert(_ value: Int) {
        let index = abs(value) - 1
        if value > 0 { positive[index / 64] |= 1 << UInt64(index % 64) } else {
            negative[index / 64] |= 1 << UInt64(index % 64)
        }
    }

    /// Whether position `index` (0-based from the start, or from the end when `negative`) was inserted.
    func contains(_ index: Int, negative isNegative: Bool) -> Bool {
        guard index >= 0, index < 384 else { return false }
        let words = isNegative ? negative : positive
        return words[index / 64] & (1 << UInt64(index % 64)) != 0
    }
}
