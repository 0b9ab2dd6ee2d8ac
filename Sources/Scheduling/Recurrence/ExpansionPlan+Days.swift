extension ExpansionPlan {
    /// The day generator: YEARLY, MONTHLY, WEEKLY and DAILY in the Gregorian calendar, and DAILY in the lunar one.
    func fillDays(period index: Int, into instances: inout [Int64]) -> Int? {
        switch frequency {
        case .yearly:
            fillYear(startYear + index * interval, into: &instances)
        case .monthly:
            let (year, month) = CivilCalendar.yearMonth(monthIndex: startMonth + index * interval)
            guard filter.allows(month: month) else { return index + 1 }
            let first = CivilCalendar.dayNumber(year: year, month: month, day: 1)
            scanMonth(first: first, length: CivilCalendar.daysInMonth(year: year, month: month), dayOfYear: 0,
                      yearLength: 0, weeks: nil, into: &instances)
        case .weekly:
            let first = startWeekDay + index * interval * 7
            for day in first..<(first + 7) where dayAllowed(day) { append(day: day, to: &instances) }
        default:
            let day = startDay + index * interval
            if let lunar, !lunar.covers(day: day) { return nil }
            if dayAllowed(day) { append(day: day, to: &instances) }
        }
        return index + 1
    }

    /// Every day of a Gregorian year that passes the masks; months BYMONTH leaves out are not scanned.
    private func fillYear(_ year: Int, into instances: inout [Int64]) {
        let january1 = CivilCalendar.dayNumber(year: year, month: 1, day: 1)
        let length = CivilCalendar.isLeapYear(year) ? 366 : 365
        let weeks = filter.hasWeeks ? WeekNumbering(year: year, weekStart: filter.weekStart) : nil
        var dayOfYear = 0
        for month in 1...12 {
            let monthLength = CivilCalendar.daysInMonth(year: year, month: month)
            if filter.allows(month: month) {
                scanMonth(first: january1 + dayOfYear, length: monthLength, dayOfYear: dayOfYear,
                          yearLength: length, weeks: weeks, into: &instances)
            }
            dayOfYear += monthLength
        }
    }

    /// Appends the days of one month that pass BYMONTHDAY, BYDAY (ordinals in the month or the year), BYYEARDAY and
    /// BYWEEKNO. `dayOfYear` and `yearLength` place the month in its year (YEARLY only).
    private func scanMonth(
        first: Int, length: Int, dayOfYear: Int, yearLength: Int, weeks: WeekNumbering?, into instances: inout [Int64]
    ) {
        let firstWeekday = CivilCalendar.weekdayIndex(dayNumber: first)
        for dayOfMonth in 1...length {
            if filter.hasMonthDays, !filter.allows(dayOfMonth: dayOfMonth, length: length) { continue }
            let offset = dayOfYear + dayOfMonth - 1
            if filter.hasWeekdays {
                let weekday = (firstWeekday + dayOfMonth - 1) % 7
                let inMonth = filter.ordinalsInMonth || yearLength == 0
                let position = inMonth ? (dayOfMonth - 1) / 7 + 1 : offset / 7 + 1
                let fromEnd = inMonth ? -((length - dayOfMonth) / 7 + 1) : -((yearLength - 1 - offset) / 7 + 1)
                if !filter.allows(weekday: weekday, position: position, fromEnd: fromEnd) { continue }
            }
            if filter.hasYearDays, !filter.allows(dayOfYear: offset, length: yearLength) { continue }
            if let weeks {
                let (week, total) = weeks.week(ofDay: first + dayOfMonth - 1)
                if !filter.allows(week: week, of: total) { continue }
            }
            append(day: first + dayOfMonth - 1, to: &instances)
        }
    }

    /// Whether one day passes the limits a DAILY, WEEKLY, HOURLY or MINUTELY rule can carry: BYMONTH, BYYEARDAY,
    /// BYMONTHDAY and plain BYDAY, read in the lunar calendar for lunar rules.
    func dayAllowed(_ day: Int) -> Bool {
        if filter.weekdays != 0, filter.weekdays & (1 << UInt8(CivilCalendar.weekdayIndex(dayNumber: day))) == 0 {
            return false
        }
        guard filter.months != 0 || filter.hasMonthDays || filter.hasYearDays else { return true }
        if let lunar {
            guard let index = lunar.entryIndex(containing: day) else { return false }
            let month = lunar.entries[index]
            let length = Int(month.length)
            return filter.allows(month: Int(month.number), isLeap: month.isLeap)
                && (!filter.hasMonthDays || filter.allows(dayOfMonth: day - Int(month.firstDay) + 1, length: length))
        }
        let civil = CivilCalendar.civil(dayNumber: day)
        guard filter.allows(month: civil.month) else { return false }
        let length = CivilCalendar.daysInMonth(year: civil.year, month: civil.month)
        if filter.hasMonthDays, !filter.allows(dayOfMonth: civil.day, length: length) { return false }
        if filter.hasYearDays {
            let january1 = CivilCalendar.dayNumber(year: civil.year, month: 1, day: 1)
            let length = CivilCalendar.isLeapYear(civil.year) ? 366 : 365
            return filter.allows(dayOfYear: day - january1, length: length)
        }
        return true
    }
}
