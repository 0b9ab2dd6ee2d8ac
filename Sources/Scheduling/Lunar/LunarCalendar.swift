/// The Vietnamese lunar calendar (âm lịch), computed from astronomical new moons and solar terms for a meridian.
///
/// The rules are those Vietnamese calendars use (Hồ Ngọc Đức's description of them is the usual reference):
/// - a month begins on the local day of a new moon;
/// - month 11 is the month containing the winter solstice;
/// - a year from one month 11 to the next with 13 months has a leap month: the first month after month 11 in which
///   the Sun crosses no principal term (a multiple of 30° of longitude); it takes the number of the month before it.
///
/// ``vietnam`` is computed for UTC+7, the meridian Vietnam has used since 1968; the Chinese calendar is the same
/// computation for UTC+8 and differs in some years (Tết 1985: 21 January in Vietnam, 20 February in China). The
/// table covers lunar years ``firstYear`` … ``lastYear`` and is computed once, on first use (a few milliseconds).
public struct LunarCalendar: Sendable {
    /// The first lunar year covered.
    public static let firstYear = 1900
    /// The last lunar year covered.
    public static let lastYear = 2199
    /// The calendar of Vietnam, for UTC+7.
    public static let vietnam = LunarCalendar(utcOffsetHours: 7)

    /// One month of the table, kept small: tens of thousands of lookups a second read it.
    struct Entry: Sendable {
        /// The lunar year the month belongs to.
        let year: Int16
        /// The month number, 1…12.
        let number: Int8
        /// Whether it is the leap month after regular month `number`.
        let isLeap: Bool
        /// The day number (days since 1970-01-01) of its first day.
        let firstDay: Int32
        /// 29 or 30.
        let length: Int8
    }

    /// The offset of the meridian the calendar is computed for, in hours east of UTC.
    public let utcOffsetHours: Double
    /// Every month, in order, from month 11 of lunar year `firstYear - 1` to month 10 of `lastYear + 1`.
    let entries: [Entry]
    /// The index in `entries` of month 1 of each lunar year `firstYear … lastYear + 1`.
    let yearStarts: [Int]

    /// Computes the calendar for a meridian `utcOffsetHours` east of UTC (7 for Vietnam, 8 for China).
    public init(utcOffsetHours: Double) {
        self.utcOffsetHours = utcOffsetHours
        let builder = LunarCalendarBuilder(utcOffsetHours: utcOffsetHours)
        var entries: [Entry] = []
        var yearStarts: [Int] = []
        for solsticeYear in (Self.firstYear - 1)...Self.lastYear {
            for month in builder.months(fromMonth11Of: solsticeYear) {
                if month.number == 1, !month.isLeap { yearStarts.append(entries.count) }
                entries.append(month)
            }
        }
        self.entries = entries
        self.yearStarts = yearStarts
    }

    /// Whether the table covers the Gregorian date with day number `day`.
    func covers(day: Int) -> Bool {
        guard let first = entries.first, let last = entries.last else { return false }
        return day >= Int(first.firstDay) && day < Int(last.firstDay) + Int(last.length)
    }

    /// The index of the month containing day number `day`, or nil outside the table.
    func entryIndex(containing day: Int) -> Int? {
        guard covers(day: day) else { return nil }
        var low = 0
        var high = entries.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(entries[middle].firstDay) <= day { low = middle } else { high = middle }
        }
        return low
    }

    /// The range of `entries` indexes holding lunar year `year`, or nil outside ``firstYear`` … ``lastYear``.
    func entryRange(ofYear year: Int) -> Range<Int>? {
        guard (Self.firstYear...Self.lastYear).contains(year) else { return nil }
        let index = year - Self.firstYear
        return yearStarts[index]..<yearStarts[index + 1]
    }

    /// The lunar date of a Gregorian date, or nil outside the table.
    public func date(of date: LocalDate) -> LunarDate? {
        let day = date.dayNumber
        guard let index = entryIndex(containing: day) else { return nil }
        let entry = entries[index]
        return LunarDate(year: Int(entry.year), month: Int(entry.number), isLeap: entry.isLeap,
                         day: day - Int(entry.firstDay) + 1)
    }

    /// The months of lunar year `year` in order (12, or 13 with a leap month), or nil outside the table.
    public func months(ofYear year: Int) -> [LunarMonth]? {
        entryRange(ofYear: year).map { range in range.map { month(entries[$0]) } }
    }

    /// Tết Nguyên Đán, day 1 of month 1 of lunar year `year`, or nil outside the table.
    public func newYear(_ year: Int) -> LocalDate? {
        entryRange(ofYear: year).map { LocalDate(dayNumber: Int(entries[$0.lowerBound].firstDay)) }
    }

    /// The Gregorian date of a lunar date, or nil when that day does not exist (day 30 of a 29-day month, a leap
    /// month the year lacks) or lies outside the table.
    public func gregorianDate(of lunar: LunarDate) -> LocalDate? {
        guard let range = entryRange(ofYear: lunar.year) else { return nil }
        for index in range where Int(entries[index].number) == lunar.month && entries[index].isLeap == lunar.isLeap {
            let entry = entries[index]
            guard (1...Int(entry.length)).contains(lunar.day) else { return nil }
            return LocalDate(dayNumber: Int(entry.firstDay) + lunar.day - 1)
        }
        return nil
    }

    /// The public description of a table entry.
    func month(_ entry: Entry) -> LunarMonth {
        LunarMonth(year: Int(entry.year), number: Int(entry.number), isLeap: entry.isLeap,
                   firstDay: LocalDate(dayNumber: Int(entry.firstDay)), length: Int(entry.length))
    }
}
