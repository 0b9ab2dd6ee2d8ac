extension ExpansionPlan {
    /// One month as the month generator sees it: its place in its calendar and its days.
    private struct MonthSpan {
        let number: Int
        let isLeap: Bool
        let first: Int
        let length: Int
    }

    /// The month generator, for YEARLY and MONTHLY lunar rules and Gregorian ones with SKIP=BACKWARD or FORWARD:
    /// the selected months' listed days, each moved or dropped as SKIP says when the month lacks it (RFC 7529).
    func fillMonths(period index: Int, into instances: inout [Int64]) -> Int? {
        var days: [Int] = []
        if frequency == .yearly {
            let year = startYear + index * interval
            guard let months = months(ofYear: year) else { return nil }
            if monthSpecs.isEmpty {
                for month in months { addDays(of: month, to: &days) }
            } else {
                for spec in monthSpecs {
                    guard let month = resolve(spec, in: months, year: year) else { continue }
                    addDays(of: month, to: &days)
                }
            }
        } else {
            guard let month = month(at: startMonth + index * interval) else { return nil }
            if monthSpecs.isEmpty || monthSpecs.contains(RecurrenceMonth(month.number, leap: month.isLeap)) {
                addDays(of: month, to: &days)
            }
        }
        days.sort()
        var previous = Int.min
        for day in days where day != previous {
            append(day: day, to: &instances)
            previous = day
        }
        return index + 1
    }

    /// The months of a lunar or Gregorian year, or nil past the end of the lunar calendar.
    private func months(ofYear year: Int) -> [MonthSpan]? {
        if let lunar {
            guard let range = lunar.entryRange(ofYear: year) else { return nil }
            return range.map { span(lunar.entries[$0]) }
        }
        return (1...12).map { month in
            MonthSpan(number: month, isLeap: false, first: CivilCalendar.dayNumber(year: year, month: month, day: 1),
                      length: CivilCalendar.daysInMonth(year: year, month: month))
        }
    }

    /// The month at a lunar month index or Gregorian month index, or nil past the end of the lunar calendar.
    private func month(at index: Int) -> MonthSpan? {
        if let lunar {
            guard index >= 0, index < lunar.entries.count else { return nil }
            return span(lunar.entries[index])
        }
        let (year, month) = CivilCalendar.yearMonth(monthIndex: index)
        return MonthSpan(number: month, isLeap: false, first: CivilCalendar.dayNumber(year: year, month: month, day: 1),
                         length: CivilCalendar.daysInMonth(year: year, month: month))
    }

    private func span(_ entry: LunarCalendar.Entry) -> MonthSpan {
        MonthSpan(number: Int(entry.number), isLeap: entry.isLeap, first: Int(entry.firstDay),
                  length: Int(entry.length))
    }

    /// The month BYMONTH value `spec` names in `year`; a leap month the year lacks becomes, with SKIP=BACKWARD,
    /// the regular month of the same number and, with SKIP=FORWARD, the month after it.
    private func resolve(_ spec: RecurrenceMonth, in months: [MonthSpan], year: Int) -> MonthSpan? {
        if let month = months.first(where: { $0.number == spec.number && $0.isLeap == spec.isLeap }) { return month }
        switch skip {
        case .omit:
            return nil
        case .backward:
            return months.first { $0.number == spec.number && !$0.isLeap }
        case .forward:
            if spec.number < 12 { return months.first { $0.number == spec.number + 1 && !$0.isLeap } }
            return self.months(ofYear: year + 1)?.first
        }
    }

    /// Adds the month's days: BYMONTHDAY (or DTSTART's day), limited by plain BYDAY, or every day of BYDAY's
    /// weekdays when no day of the month is given.
    private func addDays(of month: MonthSpan, to days: inout [Int]) {
        guard !monthDayValues.isEmpty else {
            for day in month.first..<(month.first + month.length) where weekdayAllowed(day) { days.append(day) }
            return
        }
        for value in monthDayValues {
            let day: Int
            if value > 0 {
                if value <= month.length { day = month.first + value - 1 } else {
                    switch skip {
                    case .omit: continue
                    case .backward: day = month.first + month.length - 1
                    case .forward: day = month.first + month.length
                    }
                }
            } else if -value <= month.length {
                day = month.first + month.length + value
            } else {
                switch skip {
                case .omit: continue
                case .backward: day = month.first - 1
                case .forward: day = month.first
                }
            }
            if weekdayAllowed(day) { days.append(day) }
        }
    }

    private func weekdayAllowed(_ day: Int) -> Bool {
        filter.weekdays == 0 || filter.weekdays & (1 << UInt8(CivilCalendar.weekdayIndex(dayNumber: day))) != 0
    }
}
