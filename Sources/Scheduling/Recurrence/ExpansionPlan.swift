/// A rule and its DTSTART reduced to integers, so that generating a period's instances is a few additions.
///
/// The rule's periods (years, months, weeks, days, hours or minutes of the wall clock, INTERVAL apart) are numbered
/// from the one containing DTSTART. For each period the plan lists the instances in ascending wall-clock order
/// (``fill(period:into:)``), after RFC 5545 §3.3.10's expand and limit table and BYSETPOS; the iterator then drops
/// those before DTSTART and applies COUNT and UNTIL. Three generators share the work:
/// - Gregorian YEARLY … DAILY: every day of the period is tested against the BYxxx masks (``DayFilter``), after
///   filling in the parts that default to DTSTART (RFC 5545: the month and day for YEARLY, the day for MONTHLY,
///   the weekday for WEEKLY, the time of day for all of them);
/// - HOURLY and MINUTELY: the period's day, hour and minute are tested, and whole days or hours that fail are
///   skipped in one step;
/// - months with their own lengths (the lunar calendar, and RFC 7529 SKIP in the Gregorian one): the listed days of
///   the selected months, moved or dropped as SKIP says when a month lacks them.
struct ExpansionPlan: Sendable {
    /// Which of the three generators expands the rule.
    enum Generator: Sendable {
        /// Gregorian YEARLY, MONTHLY, WEEKLY and DAILY, and lunar DAILY: days tested against masks.
        case days
        /// HOURLY and MINUTELY: hours and minutes of the wall clock.
        case clock
        /// Lunar YEARLY and MONTHLY, and Gregorian ones with SKIP: listed days of months with their own lengths.
        case months
    }

    /// FREQ, which decides what one period is.
    let frequency: RecurrenceRule.Frequency
    /// The generator for this rule.
    let generator: Generator
    /// INTERVAL: periods are numbered 0, 1, 2… and period n starts n × INTERVAL units after DTSTART's.
    let interval: Int
    /// COUNT, counted by the iterator from DTSTART.
    let count: Int?
    /// UNTIL, applied by the iterator.
    let until: RecurrenceRule.Until?
    /// DTSTART as wall-clock seconds; instances before it are dropped.
    let startWall: Int64
    /// True when the rule can produce nothing (an unreachable BYHOUR, a lunar DTSTART outside the calendar).
    let neverOccurs: Bool
    /// The lunar calendar for RSCALE=VIETNAMESE rules.
    let lunar: LunarCalendar?
    /// BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY as masks, with DTSTART's defaults filled in.
    let filter: DayFilter
    /// Seconds after local midnight of every instance in a chosen day, ascending (day-based frequencies).
    let timesOfDay: [Int]
    /// HOURLY and MINUTELY: bit `h` for each BYHOUR value (zero: any hour) and bit `m` for each BYMINUTE value
    /// (MINUTELY only; zero: any minute).
    let hourMask: UInt32
    /// See ``hourMask``.
    let minuteMask: UInt64
    /// HOURLY and MINUTELY: the seconds after the start of the hour or minute of each instance, ascending.
    let offsets: [Int]
    /// BYSETPOS.
    let setPositions: [Int]
    /// The month generator's months: expanded by YEARLY (DTSTART's month by default), a limit for MONTHLY.
    let monthSpecs: [RecurrenceMonth]
    /// The month generator's days of the month (DTSTART's day by default), before SKIP.
    let monthDayValues: [Int]
    /// SKIP, OMIT unless an RSCALE rule says otherwise.
    let skip: RecurrenceSkip
    /// DTSTART's day number, the first day of its week (counted from WKST), its year and its month (a Gregorian
    /// month index, or an index into the lunar calendar's months).
    let startDay: Int
    /// See ``startDay``.
    let startWeekDay: Int
    /// See ``startDay``.
    let startYear: Int
    /// See ``startDay``.
    let startMonth: Int
    /// HOURLY and MINUTELY: DTSTART rounded down to its hour or minute.
    let startUnit: Int64
    /// HOURLY and MINUTELY: the length of one period in seconds, INTERVAL included.
    let step: Int64

    /// Prepares `rule` from DTSTART `start`; `timesOfDay` replaces BYHOUR × BYMINUTE × BYSECOND for the friendly
    /// lunar form, whose times are a plain list.
    init(rule: RecurrenceRule, start: LocalDateTime, timesOfDay listedTimes: [Int]? = nil) {
        frequency = rule.frequency
        interval = rule.interval
        count = rule.count
        until = rule.until
        skip = rule.effectiveSkip
        startWall = start.wallSeconds
        startDay = start.date.dayNumber
        setPositions = rule.bySetPos
        let isLunar = rule.calendar == .vietnamese
        lunar = isLunar ? LunarCalendar.vietnam : nil
        let lunarStart = isLunar ? LunarCalendar.vietnam.date(of: start.date) : nil
        neverOccurs = (isLunar && lunarStart == nil) || rule.unreachableReason(start: start) != nil
        switch rule.frequency {
        case .hourly, .minutely: generator = .clock
        case .yearly, .monthly: generator = isLunar || skip != .omit ? .months : .days
        case .weekly, .daily: generator = .days
        }

        let hours = rule.byHour.isEmpty ? [start.time.hour] : rule.byHour
        let minutes = rule.byMinute.isEmpty ? [start.time.minute] : rule.byMinute
        let seconds = rule.bySecond.isEmpty ? [start.time.second] : rule.bySecond
        let startWeekday = CivilCalendar.weekdayIndex(dayNumber: startDay)
        switch rule.frequency {
        case .hourly:
            timesOfDay = []
            hourMask = rule.byHour.reduce(0) { $0 | 1 << UInt32($1) }
            minuteMask = 0
            offsets = minutes.flatMap { minute in seconds.map { minute * 60 + $0 } }.sorted()
            step = 3600 * Int64(rule.interval)
            startUnit = startWall - Int64(start.time.minute * 60 + start.time.second)
        case .minutely:
            timesOfDay = []
            hourMask = rule.byHour.reduce(0) { $0 | 1 << UInt32($1) }
            minuteMask = rule.byMinute.reduce(0) { $0 | 1 << UInt64($1) }
            offsets = seconds.sorted()
            step = 60 * Int64(rule.interval)
            startUnit = startWall - Int64(start.time.second)
        default:
            timesOfDay = listedTimes ?? hours.flatMap { hour in
                minutes.flatMap { minute in seconds.map { hour * 3600 + minute * 60 + $0 } }
            }.sorted()
            hourMask = 0
            minuteMask = 0
            offsets = []
            step = 0
            startUnit = 0
        }
        filter = Self.filter(rule: rule, start: start, startWeekday: startWeekday, isLunar: isLunar)
        startWeekDay = startDay - (startWeekday - rule.weekStart.isoIndex + 7) % 7

        let noDays = rule.byMonthDay.isEmpty && rule.byDay.isEmpty
        if let lunarStart {
            startYear = lunarStart.year
            startMonth = LunarCalendar.vietnam.entryIndex(containing: startDay) ?? 0
            let defaultMonth = RecurrenceMonth(lunarStart.month, leap: lunarStart.isLeap)
            monthSpecs = rule.frequency == .yearly && noDays && rule.byMonth.isEmpty ? [defaultMonth] : rule.byMonth
            monthDayValues = noDays ? [lunarStart.day] : rule.byMonthDay
        } else {
            startYear = start.date.year
            startMonth = CivilCalendar.monthIndex(year: start.date.year, month: start.date.month)
            let defaultMonth = RecurrenceMonth(start.date.month)
            monthSpecs = rule.frequency == .yearly && noDays && rule.byMonth.isEmpty ? [defaultMonth] : rule.byMonth
            monthDayValues = noDays ? [start.date.day] : rule.byMonthDay
        }
    }

    /// The BYxxx masks, with the parts RFC 5545 defaults to DTSTART's values filled in for the day generator.
    private static func filter(
        rule: RecurrenceRule, start: LocalDateTime, startWeekday: Int, isLunar: Bool
    ) -> DayFilter {
        var filter = DayFilter()
        filter.weekStart = rule.weekStart.isoIndex
        for month in rule.byMonth { filter.months |= 1 << UInt32(month.number + (month.isLeap ? 16 : 0)) }
        for day in rule.byMonthDay {
            if day > 0 { filter.monthDays |= 1 << UInt32(day) } else { filter.negativeMonthDays |= 1 << UInt32(-day) }
        }
        for entry in rule.byDay {
            if let ordinal = entry.ordinal {
                filter.ordinals.append((ordinal, entry.weekday.isoIndex))
            } else {
                filter.weekdays |= 1 << UInt8(entry.weekday.isoIndex)
            }
        }
        filter.ordinalsInMonth = rule.frequency == .monthly || !rule.byMonth.isEmpty
        for day in rule.byYearDay { filter.yearDays.insert(day) }
        filter.hasYearDays = !rule.byYearDay.isEmpty
        for week in rule.byWeekNo {
            if week > 0 { filter.weeks |= 1 << UInt64(week) } else { filter.negativeWeeks |= 1 << UInt64(-week) }
        }
        guard !isLunar else { return filter }
        let noDayParts = rule.byWeekNo.isEmpty && rule.byYearDay.isEmpty && rule.byMonthDay.isEmpty
            && rule.byDay.isEmpty
        switch rule.frequency {
        case .yearly where noDayParts:
            filter.monthDays = 1 << UInt32(start.date.day)
            if rule.byMonth.isEmpty { filter.months = 1 << UInt32(start.date.month) }
        case .monthly where rule.byMonthDay.isEmpty && rule.byDay.isEmpty:
            filter.monthDays = 1 << UInt32(start.date.day)
        case .weekly where rule.byDay.isEmpty:
            filter.weekdays = 1 << UInt8(startWeekday)
        default:
            break
        }
        return filter
    }

    /// How many days before its period's first day an instance can fall: SKIP=BACKWARD moves a missing day -30
    /// to the previous month's last day.
    var slackDays: Int {
        skip == .backward ? 1 : 0
    }

    /// The first period that can hold instances on day `day` or later, so range queries need not walk from DTSTART.
    func firstPeriod(reaching day: Int) -> Int {
        let index: Int
        switch frequency {
        case .yearly:
            let year: Int
            if let lunar {
                guard let entry = lunar.entryIndex(containing: day) else {
                    return day < startDay ? 0 : (LunarCalendar.lastYear + interval - startYear) / interval
                }
                year = Int(lunar.entries[entry].year)
            } else {
                year = CivilCalendar.civil(dayNumber: day).year
            }
            index = CivilCalendar.floorDivide(year - startYear, interval)
        case .monthly:
            let month: Int
            if let lunar {
                guard let entry = lunar.entryIndex(containing: day) else {
                    return day < startDay ? 0 : (lunar.entries.count - 1 + interval - startMonth) / interval
                }
                month = entry
            } else {
                let civil = CivilCalendar.civil(dayNumber: day)
                month = CivilCalendar.monthIndex(year: civil.year, month: civil.month)
            }
            index = CivilCalendar.floorDivide(month - startMonth, interval)
        case .weekly:
            index = CivilCalendar.floorDivide(CivilCalendar.floorDivide(day - startWeekDay, 7), interval)
        case .daily:
            index = CivilCalendar.floorDivide(day - startDay, interval)
        case .hourly, .minutely:
            let wall = Int64(day) * CivilCalendar.secondsPerDay
            index = Int(CivilCalendar.floorDivide(Int(wall - startUnit), Int(step)))
        }
        return max(0, index)
    }

    /// The wall-clock second period `index` begins at, or nil when it lies past the end of the lunar calendar.
    func firstWall(ofPeriod index: Int) -> Int64? {
        let day: Int
        switch frequency {
        case .yearly:
            let year = startYear + index * interval
            if let lunar {
                guard let range = lunar.entryRange(ofYear: year) else { return nil }
                day = Int(lunar.entries[range.lowerBound].firstDay)
            } else {
                day = CivilCalendar.dayNumber(year: year, month: 1, day: 1)
            }
        case .monthly:
            let month = startMonth + index * interval
            if let lunar {
                guard month < lunar.entries.count else { return nil }
                day = Int(lunar.entries[month].firstDay)
            } else {
                let (year, number) = CivilCalendar.yearMonth(monthIndex: month)
                day = CivilCalendar.dayNumber(year: year, month: number, day: 1)
            }
        case .weekly:
            day = startWeekDay + index * interval * 7
        case .daily:
            day = startDay + index * interval
            if let lunar, !lunar.covers(day: day) { return nil }
        case .hourly, .minutely:
            return startUnit + Int64(index) * step
        }
        return Int64(day - slackDays) * CivilCalendar.secondsPerDay
    }

    /// Replaces `instances` with the wall-clock seconds of period `index`'s instances, ascending and without
    /// duplicates, and returns the next period worth visiting (nil when the lunar calendar ends).
    func fill(period index: Int, into instances: inout [Int64]) -> Int? {
        instances.removeAll(keepingCapacity: true)
        let next: Int?
        switch generator {
        case .days: next = fillDays(period: index, into: &instances)
        case .clock: next = fillClock(period: index, into: &instances)
        case .months: next = fillMonths(period: index, into: &instances)
        }
        if !setPositions.isEmpty, !instances.isEmpty { selectPositions(&instances) }
        return next
    }

    /// Keeps the BYSETPOS positions of the period's set (1 is the first, -1 the last), in order.
    private func selectPositions(_ instances: inout [Int64]) {
        var chosen: [Int64] = []
        for position in setPositions {
            let index = position > 0 ? position - 1 : instances.count + position
            if index >= 0, index < instances.count { chosen.append(instances[index]) }
        }
        chosen.sort()
        instances.removeAll(keepingCapacity: true)
        for value in chosen where instances.last != value { instances.append(value) }
    }

    /// Appends `day` at every time of day.
    func append(day: Int, to instances: inout [Int64]) {
        let base = Int64(day) * CivilCalendar.secondsPerDay
        for time in timesOfDay { instances.append(base + Int64(time)) }
    }
}
