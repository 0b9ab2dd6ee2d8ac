extension RecurrenceRule {
    /// Parses RRULE text such as `FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17`, with or without a leading `RRULE:`.
    ///
    /// Parsing is strict: anything outside the supported subset, any duplicate part and any out-of-range value is
    /// an ``RRuleError`` rather than being ignored, because a silently dropped part would air at the wrong time.
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
        let interval = try values["INTERVAL"].map { value throws(RRuleError) in
            try Self.integer("INTERVAL", value, in: 1...Int(Int32.max), allowed: "a whole number of at least 1")
        } ?? 1
        let byDay = try Self.weekdayList(values["BYDAY"], frequency: frequency)
        let byMonthDay = try Self.integerList("BYMONTHDAY", values["BYMONTHDAY"], allowed: "1…31 or -31…-1") {
            (1...31).contains($0) || (-31 ... -1).contains($0)
        }
        if frequency == .weekly, !byMonthDay.isEmpty { throw .monthDayWithWeekly }
        let byHour = try Self.integerList("BYHOUR", values["BYHOUR"], allowed: "0…23") { (0...23).contains($0) }
        let byMinute = try Self.integerList("BYMINUTE", values["BYMINUTE"], allowed: "0…59") { (0...59).contains($0) }
        let count = try values["COUNT"].map { value throws(RRuleError) in
            try Self.integer("COUNT", value, in: 1...Int(Int32.max), allowed: "a whole number of at least 1")
        }
        let until = try values["UNTIL"].map { value throws(RRuleError) in try Self.until(value) }
        if count != nil, until != nil { throw .countAndUntil }
        let weekStart = try values["WKST"].map { value throws(RRuleError) in
            guard let day = Weekday(rfcCode: value) else { throw .unknownWeekday(part: "WKST", value: value) }
            return day
        } ?? .monday

        self.init(
            frequency: frequency, interval: interval, byDay: byDay, byMonthDay: byMonthDay,
            byHour: Array(Set(byHour)).sorted(), byMinute: Array(Set(byMinute)).sorted(),
            count: count, until: until, weekStart: weekStart
        )
    }

    private static let supportedParts: Set<String> = [
        "FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "COUNT", "UNTIL", "WKST",
    ]

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
            guard frequency == .monthly else {
                throw .ordinalNotAllowed(value: String(item), frequency: frequency.rawValue)
            }
            guard (1...5).contains(ordinal) || (-5 ... -1).contains(ordinal) else {
                throw .outOfRange(part: "BYDAY", value: String(item), allowed: "an ordinal of 1…5 or -5…-1")
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
