/// A rule and its DTSTART reduced to integers, so that generating a candidate is a few additions.
///
/// RFC 5545 §3.3.10 says how each BYxxx part acts per frequency; for this subset:
///
/// | part        | DAILY  | WEEKLY | MONTHLY                                   |
/// |-------------|--------|--------|-------------------------------------------|
/// | BYMONTHDAY  | limit  | (error)| expand                                    |
/// | BYDAY       | limit  | expand | expand, or limit when BYMONTHDAY is given |
/// | BYHOUR      | expand | expand | expand                                    |
/// | BYMINUTE    | expand | expand | expand                                    |
///
/// Parts that are absent default to DTSTART's own value (its weekday for WEEKLY, its day of the month for
/// MONTHLY, its hour, minute and second for the times of day).
struct ExpansionPlan: Sendable {
    let frequency: RecurrenceRule.Frequency
    let interval: Int
    /// Seconds after local midnight of each occurrence in a chosen day, ascending.
    let timesOfDay: [Int]
    /// Bit `i` set when plain BYDAY names ISO weekday `i`; for WEEKLY it defaults to DTSTART's weekday.
    let weekdayMask: Int
    /// BYDAY entries that carry an ordinal (MONTHLY only), as (ordinal, ISO weekday index).
    let ordinalWeekdays: [(ordinal: Int, weekday: Int)]
    /// Whether BYDAY was given at all, so MONTHLY knows to filter or expand by weekday.
    let hasByDay: Bool
    /// BYMONTHDAY values; for MONTHLY without BYDAY it defaults to DTSTART's day of the month.
    let monthDays: [Int]
    /// DTSTART as a day number and as wall-clock seconds.
    let startDay: Int
    let startWall: Int64
    /// The first day of the week containing DTSTART, counted from WKST.
    let startWeekDay: Int
    /// DTSTART's month as a month index.
    let startMonth: Int
    let count: Int?
    let until: RecurrenceRule.Until?

    init(rule: RecurrenceRule, start: LocalDateTime) {
        frequency = rule.frequency
        interval = rule.interval
        let hours = rule.byHour.isEmpty ? [start.time.hour] : rule.byHour
        let minutes = rule.byMinute.isEmpty ? [start.time.minute] : rule.byMinute
        timesOfDay = hours.flatMap { hour in minutes.map { hour * 3600 + $0 * 60 + start.time.second } }.sorted()
        startDay = start.date.dayNumber
        startWall = start.wallSeconds
        let startWeekday = CivilCalendar.weekdayIndex(dayNumber: startDay)
        startWeekDay = startDay - (startWeekday - rule.weekStart.isoIndex + 7) % 7
        startMonth = CivilCalendar.monthIndex(year: start.date.year, month: start.date.month)
        hasByDay = !rule.byDay.isEmpty
        var mask = 0
        var ordinals: [(ordinal: Int, weekday: Int)] = []
        for entry in rule.byDay {
            if let ordinal = entry.ordinal {
                ordinals.append((ordinal, entry.weekday.isoIndex))
            } else {
                mask |= 1 << entry.weekday.isoIndex
            }
        }
        if rule.frequency == .weekly, rule.byDay.isEmpty {
            mask = 1 << startWeekday
        }
        weekdayMask = mask
        ordinalWeekdays = ordinals
        if rule.frequency == .monthly, rule.byMonthDay.isEmpty, rule.byDay.isEmpty {
            monthDays = [start.date.day]
        } else {
            monthDays = rule.byMonthDay
        }
        count = rule.count
        until = rule.until
    }

    /// The period index whose days can first reach `day`, so range queries need not walk from DTSTART.
    func firstPeriod(reaching day: Int) -> Int {
        let index: Int
        switch frequency {
        case .daily:
            index = CivilCalendar.floorDivide(day - startDay, interval)
        case .weekly:
            index = CivilCalendar.floorDivide(CivilCalendar.floorDivide(day - startWeekDay, 7), interval)
        case .monthly:
            let civil = CivilCalendar.civil(dayNumber: day)
            let month = CivilCalendar.monthIndex(year: civil.year, month: civil.month)
            index = CivilCalendar.floorDivide(month - startMonth, interval)
        }
        return max(0, index)
    }

    /// The first day number of period `index`, used to stop once periods pass the end of a query.
    func firstDay(ofPeriod index: Int) -> Int {
        switch frequency {
        case .daily:
            return startDay + index * interval
        case .weekly:
            return startWeekDay + index * interval * 7
        case .monthly:
            let (year, month) = CivilCalendar.yearMonth(monthIndex: startMonth + index * interval)
            return CivilCalendar.dayNumber(year: year, month: month, day: 1)
        }
    }

    /// Replaces `days` with the matching days of period `index`, ascending and without duplicates.
    func fillDays(ofPeriod index: Int, into days: inout [Int]) {
        days.removeAll(keepingCapacity: true)
        switch frequency {
        case .daily:
            let day = startDay + index * interval
            if dailyDayMatches(day) { days.append(day) }
        case .weekly:
            let first = startWeekDay + index * interval * 7
            for day in first..<(first + 7) where weekdayMask & (1 << CivilCalendar.weekdayIndex(dayNumber: day)) != 0 {
                days.append(day)
            }
        case .monthly:
            fillMonthDays(monthIndex: startMonth + index * interval, into: &days)
        }
    }

    private func dailyDayMatches(_ day: Int) -> Bool {
        if hasByDay, weekdayMask & (1 << CivilCalendar.weekdayIndex(dayNumber: day)) == 0 { return false }
        guard !monthDays.isEmpty else { return true }
        let civil = CivilCalendar.civil(dayNumber: day)
        let length = CivilCalendar.daysInMonth(year: civil.year, month: civil.month)
        return monthDays.contains { $0 > 0 ? $0 == civil.day : length + $0 + 1 == civil.day }
    }

    private func fillMonthDays(monthIndex: Int, into days: inout [Int]) {
        let (year, month) = CivilCalendar.yearMonth(monthIndex: monthIndex)
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        let firstDay = CivilCalendar.dayNumber(year: year, month: month, day: 1)
        let firstWeekday = CivilCalendar.weekdayIndex(dayNumber: firstDay)
        if !monthDays.isEmpty {
            for value in monthDays {
                let dayOfMonth = value > 0 ? value : length + value + 1
                guard dayOfMonth >= 1, dayOfMonth <= length else { continue }
                if !hasByDay || weekdayMatches(dayOfMonth: dayOfMonth, length: length, firstWeekday: firstWeekday) {
                    days.append(firstDay + dayOfMonth - 1)
                }
            }
        } else {
            for weekday in 0..<7 where weekdayMask & (1 << weekday) != 0 {
                var dayOfMonth = (weekday - firstWeekday + 7) % 7 + 1
                while dayOfMonth <= length {
                    days.append(firstDay + dayOfMonth - 1)
                    dayOfMonth += 7
                }
            }
            for (ordinal, weekday) in ordinalWeekdays {
                let firstOfWeekday = (weekday - firstWeekday + 7) % 7 + 1
                let dayOfMonth: Int
                if ordinal > 0 {
                    dayOfMonth = firstOfWeekday + (ordinal - 1) * 7
                } else {
                    let lastOfWeekday = firstOfWeekday + (length - firstOfWeekday) / 7 * 7
                    dayOfMonth = lastOfWeekday + (ordinal + 1) * 7
                }
                if dayOfMonth >= 1, dayOfMonth <= length { days.append(firstDay + dayOfMonth - 1) }
            }
        }
        if days.count > 1 {
            days.sort()
            var write = 1
            for read in 1..<days.count where days[read] != days[write - 1] {
                days[write] = days[read]
                write += 1
            }
            days.removeLast(days.count - write)
        }
    }

    /// Whether a day of the month satisfies BYDAY, including ordinals counted from either end of the month.
    private func weekdayMatches(dayOfMonth: Int, length: Int, firstWeekday: Int) -> Bool {
        let weekday = (firstWeekday + dayOfMonth - 1) % 7
        if weekdayMask & (1 << weekday) != 0 { return true }
        for (ordinal, entryWeekday) in ordinalWeekdays where entryWeekday == weekday {
            let position = ordinal > 0 ? (dayOfMonth - 1) / 7 + 1 : -((length - dayOfMonth) / 7 + 1)
            if position == ordinal { return true }
        }
        return false
    }
}
