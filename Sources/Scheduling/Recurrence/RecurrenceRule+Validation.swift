extension RecurrenceRule {
    /// Refuses the combinations of parts RFC 5545 §3.3.10 marks N/A, and those RFC 7529 or this implementation
    /// cannot expand; called by the parser once every part has been read.
    func checkCombinations() throws(RRuleError) {
        let name = frequency.rawValue
        if !byWeekNo.isEmpty, frequency != .yearly {
            throw .partNotAllowed(part: "BYWEEKNO", frequency: name, advice: "week numbers only work with FREQ=YEARLY")
        }
        if !byYearDay.isEmpty, [.monthly, .weekly, .daily].contains(frequency) {
            throw .partNotAllowed(part: "BYYEARDAY", frequency: name,
                                  advice: "use it with FREQ=YEARLY, HOURLY or MINUTELY, or use BYMONTH with BYMONTHDAY")
        }
        if !byMonthDay.isEmpty, frequency == .weekly {
            throw .partNotAllowed(part: "BYMONTHDAY", frequency: name, advice: "use BYDAY, or FREQ=MONTHLY")
        }
        let ordinals = byDay.filter { $0.ordinal != nil }
        if let first = ordinals.first, !byWeekNo.isEmpty {
            throw .combination(reason: "BYDAY=\(first) has an ordinal, which cannot be combined with BYWEEKNO: "
                               + "use a plain weekday inside the numbered weeks")
        }
        let selectors = [byMonth.count, byWeekNo.count, byYearDay.count, byMonthDay.count, byDay.count, byHour.count,
                         byMinute.count, bySecond.count]
        if !bySetPos.isEmpty, selectors.allSatisfy({ $0 == 0 }) { throw .setPositionWithoutSet }
        if calendar == .vietnamese { try checkLunar(ordinals: ordinals) }
        if effectiveSkip != .omit { try checkSkip(ordinals: ordinals) }
    }

    private func checkLunar(ordinals: [WeekdayOccurrence]) throws(RRuleError) {
        guard [.yearly, .monthly, .daily].contains(frequency) else {
            throw .notInLunarCalendar(part: "FREQ=\(frequency.rawValue)", advice: "use FREQ=YEARLY, MONTHLY or DAILY")
        }
        if !byWeekNo.isEmpty {
            throw .notInLunarCalendar(part: "BYWEEKNO", advice: "lunar years have no numbered weeks")
        }
        if !byYearDay.isEmpty {
            throw .notInLunarCalendar(part: "BYYEARDAY", advice: "name the day with BYMONTH and BYMONTHDAY")
        }
        if let first = ordinals.first {
            throw .notInLunarCalendar(part: "BYDAY=\(first)", advice: "use plain weekdays such as BYDAY=MO")
        }
    }

    private func checkSkip(ordinals: [WeekdayOccurrence]) throws(RRuleError) {
        let skip = effectiveSkip.rawValue
        guard frequency == .yearly || frequency == .monthly else {
            throw .combination(reason: "SKIP=\(skip) only moves the dates FREQ=YEARLY and MONTHLY generate: "
                               + "remove it, or use SKIP=OMIT")
        }
        if !byWeekNo.isEmpty || !byYearDay.isEmpty || !ordinals.isEmpty {
            throw .combination(reason: "SKIP=\(skip) works with BYMONTH, BYMONTHDAY and plain BYDAY only: "
                               + "remove BYWEEKNO, BYYEARDAY or the BYDAY ordinal, or use SKIP=OMIT")
        }
        if frequency == .monthly, let leap = byMonth.first(where: \.isLeap) {
            throw .combination(reason: "SKIP=\(skip) with the leap month BYMONTH=\(leap) needs FREQ=YEARLY: "
                               + "with FREQ=MONTHLY a year without that leap month simply has no such month")
        }
    }

    /// Checks what only DTSTART can tell: that a lunar rule starts inside the computed calendar, and that an
    /// HOURLY or MINUTELY rule's INTERVAL can reach its BYHOUR and BYMINUTE values at all (RFC 5545 leaves such a
    /// rule empty; refusing it says so instead of silently never airing).
    public func validate(start: LocalDateTime) throws(RRuleError) {
        if calendar == .vietnamese, !LunarCalendar.vietnam.covers(day: start.date.dayNumber) {
            throw .outsideLunarRange(start)
        }
        if let reason = unreachableReason(start: start) { throw .neverOccurs(reason: reason) }
    }

    /// Why an HOURLY or MINUTELY rule can never reach its BYHOUR or BYMINUTE values from `start`, or nil.
    func unreachableReason(start: LocalDateTime) -> String? {
        let unitsPerDay: Int
        let startUnit: Int
        switch frequency {
        case .hourly:
            guard !byHour.isEmpty else { return nil }
            unitsPerDay = 24
            startUnit = start.time.hour
        case .minutely:
            guard !byHour.isEmpty || !byMinute.isEmpty else { return nil }
            unitsPerDay = 1440
            startUnit = start.time.hour * 60 + start.time.minute
        default:
            return nil
        }
        let step = Self.greatestCommonDivisor(interval, unitsPerDay)
        let hours = byHour.isEmpty ? Array(0..<24) : byHour
        let minutes = frequency == .hourly ? [0] : (byMinute.isEmpty ? Array(0..<60) : byMinute)
        for hour in hours {
            for minute in minutes {
                let unit = frequency == .hourly ? hour : hour * 60 + minute
                if ((unit - startUnit) % step + step) % step == 0 { return nil }
            }
        }
        let time = "\(pad(start.time.hour, 2)):\(pad(start.time.minute, 2))"
        let parts = frequency == .hourly ? "BYHOUR" : "BYHOUR and BYMINUTE"
        return "FREQ=\(frequency.rawValue);INTERVAL=\(interval) from \(time) never reaches its \(parts) values; "
            + "change INTERVAL, the start time or \(parts)"
    }

    private static func greatestCommonDivisor(_ first: Int, _ second: Int) -> Int {
        var (a, b) = (first, second)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
