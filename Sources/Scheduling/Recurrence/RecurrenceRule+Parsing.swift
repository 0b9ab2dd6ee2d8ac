extension RecurrenceRule {
    /// Parses RRULE text such as `FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17`, with or without a leading `RRULE:`.
    ///
    /// Parsing is strict: an unknown part, a duplicate, an out-of-range value or a combination RFC 5545 §3.3.10
    /// marks N/A is an ``RRuleError`` rather than being ignored, because a silently dropped part would air at the
    /// wrong time.
    public init(parsing text: String) throws(RRuleError) {
        var body = text.trimmingWhitespace().uppercased()
        if body.hasPrefix("RRULE:") { body.removeFirst(6) }
        guard !body.isEmpty else { throw .empty }

        var values: [String: String] = [:]
        for rawPart in body.split(separator: ";", omittingEmptySubsequences: false) {
            let pieces = rawPart.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                throw .malformedPart(String(rawPart))
            }
            let name = String(pieces[0])
            guard Self.supportedParts.contains(name) else { throw .unsupportedPart(name) }
            guard values[name] == nil else { throw .duplicatePart(name) }
            values[name] = String(pieces[1])
        }

        guard let frequencyText = values["FREQ"] else { throw .missingFrequency }
        guard let frequency = Frequency(rawValue: frequencyText) else { throw .unsupportedFrequency(frequencyText) }
        let scale = try values["RSCALE"].map { value throws(RRuleError) in
            guard let scale = RecurrenceScale(rawValue: value) else { throw .unknownScale(value) }
            return scale
        }
        let skip = try values["SKIP"].map { value throws(RRuleError) in
            guard let skip = RecurrenceSkip(rawValue: value) else { throw .unknownSkip(value) }
            return skip
        }
        if skip != nil, scale == nil { throw .skipWithoutScale }
        let lunar = scale == .vietnamese
        let wholeNumber = "a whole number of at least 1"
        let interval = try values["INTERVAL"].map { value throws(RRuleError) in
            try Self.integer("INTERVAL", value, in: 1...Int(Int32.max), allowed: wholeNumber)
        } ?? 1
        let byMonth = try Self.months(values["BYMONTH"], lunar: lunar)
        let byWeekNo = try Self.signedList("BYWEEKNO", values["BYWEEKNO"], limit: 53)
        let byYearDay = try Self.signedList("BYYEARDAY", values["BYYEARDAY"], limit: 366)
        let byMonthDay = try Self.signedList("BYMONTHDAY", values["BYMONTHDAY"], limit: lunar ? 30 : 31,
                                             note: lunar ? " (lunar months have 29 or 30 days)" : "")
        let byDay = try Self.weekdayList(values["BYDAY"], frequency: frequency)
        let byHour = try Self.integerList("BYHOUR", values["BYHOUR"], allowed: "0…23") { (0...23).contains($0) }
        let byMinute = try Self.integerList("BYMINUTE", values["BYMINUTE"], allowed: "0…59") { (0...59).contains($0) }
        let bySecond = try Self.integerList("BYSECOND", values["BYSECOND"], allowed: "0…59") { (0...59).contains($0) }
        let bySetPos = try Self.signedList("BYSETPOS", values["BYSETPOS"], limit: 366)
        let count = try values["COUNT"].map { value throws(RRuleError) in
            try Self.integer("COUNT", value, in: 1...Int(Int32.max), allowed: wholeNumber)
        }
        let until = try values["UNTIL"].map { value throws(RRuleError) in try Self.until(value) }
        if count != nil, until != nil { throw .countAndUntil }
        let weekStart = try values["WKST"].map { value throws(RRuleError) in
            guard let day = Weekday(rfcCode: value) else { throw .unknownWeekday(part: "WKST", value: value) }
            return day
        } ?? .monday

        self.init(
            frequency: frequency, interval: interval, byMonth: Self.sortedUnique(byMonth),
            byWeekNo: Self.sortedUnique(byWeekNo), byYearDay: Self.sortedUnique(byYearDay),
            byMonthDay: byMonthDay, byDay: byDay, byHour: Self.sortedUnique(byHour),
            byMinute: Self.sortedUnique(byMinute), bySecond: Self.sortedUnique(bySecond),
            bySetPos: Self.sortedUnique(bySetPos), count: count, until: until, weekStart: weekStart,
            scale: scale, skip: skip
        )
        try checkCombinations()
    }

    private static let supportedParts: Set<String> = [
        "FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY",
        "BYHOUR", "BYMINUTE", "BYSECOND", "BYSETPOS", "RSCALE", "SKIP",
    ]

    private static func sortedUnique<T: Comparable & Hashable>(_ values: [T]) -> [T] {
        Array(Set(values)).sorted()
    }

    private static func integer(
        _ part: String, _ text: some StringProtocol, in range: ClosedRange<Int>, allowed: String
    ) throws(RRuleError) -> Int {
        guard let value = Int(text) else { throw .notANumber(part: part, value: String(text)) }
        guard range.contains(value) else { throw .outOfRange(part: part, value: String(text), allowed: allowed) }
        return value
    }

    private static func integerList(
        _ part: String, _ text: String?, allowed: String, isValid: (Int) -> Bool
    ) throws(RRuleError) -> [Int] {
        guard let text else { return [] }
        var result: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw .malformedPart("\(part)=\(text)") }
            guard let value = Int(item) else { throw .notANumber(part: part, value: String(item)) }
            guard isValid(value) else { throw .outOfRange(part: part, value: String(item), allowed: allowed) }
            result.append(value)
        }
        return result
    }

    /// A list of non-zero values in `-limit … -1` and `1 … limit`, as BYMONTHDAY, BYYEARDAY, BYWEEKNO and BYSETPOS.
    private static func signedList(
        _ part: String, _ text: String?, limit: Int, note: String = ""
    ) throws(RRuleError) -> [Int] {
        try integerList(part, text, allowed: "1…\(limit) or -\(limit)…-1" + note) {
            (1...limit).contains($0) || (-limit ... -1).contains($0)
        }
    }

    private static func months(_ text: String?, lunar: Bool) throws(RRuleError) -> [RecurrenceMonth] {
        guard let text else { return [] }
        var result: [RecurrenceMonth] = []
        let allowed = lunar ? "1…12, or 1L…12L for a leap month" : "1…12"
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw .malformedPart("BYMONTH=\(text)") }
            let isLeap = item.hasSuffix("L")
            let digits = isLeap ? item.dropLast() : item
            guard let number = Int(digits) else { throw .notANumber(part: "BYMONTH", value: String(item)) }
            guard (1...12).contains(number) else {
                throw .outOfRange(part: "BYMONTH", value: String(item), allowed: allowed)
            }
            if isLeap, !lunar { throw .leapMonthNeedsLunar(String(item)) }
            result.append(RecurrenceMonth(number, leap: isLeap))
        }
        return result
    }

    private static func weekdayList(
        _ text: String?, frequency: Frequency
    ) throws(RRuleError) -> [WeekdayOccurrence] {
        guard let text else { return [] }
        var result: [WeekdayOccurrence] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard item.count >= 2 else { throw .unknownWeekday(part: "BYDAY", value: String(item)) }
            let code = String(item.suffix(2))
            guard let weekday = Weekday(rfcCode: code) else {
                throw .unknownWeekday(part: "BYDAY", value: String(item))
            }
            let ordinalText = item.dropLast(2)
            guard !ordinalText.isEmpty else {
                result.append(WeekdayOccurrence(weekday))
                continue
            }
            guard let ordinal = Int(ordinalText) else { throw .unknownWeekday(part: "BYDAY", value: String(item)) }
            let limit: Int
            switch frequency {
            case .monthly: limit = 5
            case .yearly: limit = 53
            default: throw .ordinalNotAllowed(value: String(item), frequency: frequency.rawValue)
            }
            guard (1...limit).contains(ordinal) || (-limit ... -1).contains(ordinal) else {
                let allowed = "an ordinal of 1…\(limit) or -\(limit)…-1"
                throw .outOfRange(part: "BYDAY", value: String(item), allowed: allowed)
            }
            result.append(WeekdayOccurrence(weekday, ordinal: ordinal))
        }
        return result
    }

    private static func until(_ text: String) throws(RRuleError) -> Until {
        if !text.contains("T") {
            guard text.count == 8, let date = LocalDate(text) else { throw .malformedUntil(text) }
            return .date(date)
        }
        let isUTC = text.hasSuffix("Z")
        let body = isUTC ? String(text.dropLast()) : text
        guard body.count == 15, let value = LocalDateTime(body) else { throw .malformedUntil(text) }
        return isUTC ? .utc(value) : .local(value)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks, without needing Foundation.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
