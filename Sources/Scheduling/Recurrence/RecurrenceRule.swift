/// A parsed RFC 5545 recurrence rule, with the RFC 7529 `RSCALE` and `SKIP` extensions for the Vietnamese lunar
/// calendar (docs/schedules.md).
///
/// The rule holds no DTSTART and no zone: those come from the schedule file and are passed when expanding, so the
/// same rule text means the same thing in every commune. Create one with ``init(parsing:)``.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// How often the rule's period repeats. SECONDLY exists in RFC 5545 but is refused: no broadcast repeats by
    /// the second.
    public enum Frequency: String, CaseIterable, Hashable, Sendable {
        /// Every calendar year (times INTERVAL).
        case yearly = "YEARLY"
        /// Every calendar month (times INTERVAL).
        case monthly = "MONTHLY"
        /// Every week starting on WKST (times INTERVAL).
        case weekly = "WEEKLY"
        /// Every day (times INTERVAL).
        case daily = "DAILY"
        /// Every hour of the wall clock (times INTERVAL).
        case hourly = "HOURLY"
        /// Every minute of the wall clock (times INTERVAL).
        case minutely = "MINUTELY"

        /// Whether periods are whole days or longer, so BYHOUR, BYMINUTE and BYSECOND expand into times of day.
        var isDayBased: Bool {
            switch self {
            case .yearly, .monthly, .weekly, .daily: true
            case .hourly, .minutely: false
            }
        }
    }

    /// One BYDAY entry: a weekday, optionally with an ordinal inside the month or year (`1MO`, `-1FR`, `20MO`).
    public struct WeekdayOccurrence: Hashable, Sendable, CustomStringConvertible {
        /// Which occurrence of the weekday: 1…5 or -5…-1 in a month, 1…53 or -53…-1 in a year; nil means every one.
        public let ordinal: Int?
        /// The weekday.
        public let weekday: Weekday

        /// Creates an entry; `ordinal` must be nil unless the rule is MONTHLY or YEARLY.
        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        /// The RFC 5545 form, such as `-1FR`.
        public var description: String {
            (ordinal.map(String.init) ?? "") + weekday.rfcCode
        }
    }

    /// When an UNTIL bound is reached; every form is inclusive.
    public enum Until: Hashable, Sendable, CustomStringConvertible {
        /// A DATE: every occurrence on that local date or earlier.
        case date(LocalDate)
        /// A floating DATE-TIME, compared on the schedule's wall clock.
        case local(LocalDateTime)
        /// A UTC DATE-TIME (trailing `Z`), compared as an absolute instant.
        case utc(LocalDateTime)

        /// The RFC 5545 form.
        public var description: String {
            switch self {
            case .date(let date):
                return "\(pad(date.year, 4))\(pad(date.month, 2))\(pad(date.day, 2))"
            case .local(let value):
                return Until.date(value.date).description + "T" + compactTime(value.time)
            case .utc(let value):
                return Until.date(value.date).description + "T" + compactTime(value.time) + "Z"
            }
        }

        private func compactTime(_ time: LocalTime) -> String {
            "\(pad(time.hour, 2))\(pad(time.minute, 2))\(pad(time.second, 2))"
        }
    }

    /// FREQ.
    public let frequency: Frequency
    /// INTERVAL, at least 1.
    public let interval: Int
    /// BYMONTH: months 1…12; a leap month (`3L`) only with RSCALE=VIETNAMESE.
    public let byMonth: [RecurrenceMonth]
    /// BYWEEKNO: week numbers 1…53 or -53…-1 (YEARLY only), weeks starting on WKST.
    public let byWeekNo: [Int]
    /// BYYEARDAY: days of the year 1…366 or -366…-1.
    public let byYearDay: [Int]
    /// BYMONTHDAY values, 1…31 or -31…-1 (negative counts from the month's end).
    public let byMonthDay: [Int]
    /// BYDAY entries in the order written; ordinals only with MONTHLY and YEARLY.
    public let byDay: [WeekdayOccurrence]
    /// BYHOUR values, 0…23.
    public let byHour: [Int]
    /// BYMINUTE values, 0…59.
    public let byMinute: [Int]
    /// BYSECOND values, 0…59.
    public let bySecond: [Int]
    /// BYSETPOS: positions 1…366 or -366…-1 inside each period's set of instances.
    public let bySetPos: [Int]
    /// COUNT: the number of occurrences counted from DTSTART.
    public let count: Int?
    /// UNTIL: the inclusive end.
    public let until: Until?
    /// WKST: the first day of the week, which decides what counts as one WEEKLY interval and BYWEEKNO's weeks.
    public let weekStart: Weekday
    /// RSCALE, when given: the calendar the rule counts in.
    public let scale: RecurrenceScale?
    /// SKIP, when given (only with RSCALE): what happens to a date the month or year lacks.
    public let skip: RecurrenceSkip?

    /// Assembles a rule from already-validated parts; used by the parser and by the schedule file's lunar form.
    init(
        frequency: Frequency, interval: Int = 1, byMonth: [RecurrenceMonth] = [], byWeekNo: [Int] = [],
        byYearDay: [Int] = [], byMonthDay: [Int] = [], byDay: [WeekdayOccurrence] = [], byHour: [Int] = [],
        byMinute: [Int] = [], bySecond: [Int] = [], bySetPos: [Int] = [], count: Int? = nil, until: Until? = nil,
        weekStart: Weekday = .monday, scale: RecurrenceScale? = nil, skip: RecurrenceSkip? = nil
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byMonth = byMonth
        self.byWeekNo = byWeekNo
        self.byYearDay = byYearDay
        self.byMonthDay = byMonthDay
        self.byDay = byDay
        self.byHour = byHour
        self.byMinute = byMinute
        self.bySecond = bySecond
        self.bySetPos = bySetPos
        self.count = count
        self.until = until
        self.weekStart = weekStart
        self.scale = scale
        self.skip = skip
    }

    /// The calendar the rule is expanded in: Gregorian unless RSCALE names the lunar one.
    var calendar: RecurrenceScale {
        scale ?? .gregorian
    }

    /// The effective SKIP: RFC 7529 makes OMIT the default.
    var effectiveSkip: RecurrenceSkip {
        skip ?? .omit
    }

    /// The canonical RRULE text; parsing it gives back an equal rule.
    public var description: String {
        var parts: [String] = []
        if let scale { parts.append("RSCALE=\(scale.rawValue)") }
        parts.append("FREQ=\(frequency.rawValue)")
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ name: String, _ values: [some CustomStringConvertible]) {
            if !values.isEmpty { parts.append(name + "=" + values.map(\.description).joined(separator: ",")) }
        }
        list("BYMONTH", byMonth)
        list("BYWEEKNO", byWeekNo)
        list("BYYEARDAY", byYearDay)
        list("BYDAY", byDay)
        list("BYMONTHDAY", byMonthDay)
        list("BYHOUR", byHour)
        list("BYMINUTE", byMinute)
        list("BYSECOND", bySecond)
        list("BYSETPOS", bySetPos)
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=\(until)") }
        if weekStart != .monday { parts.append("WKST=\(weekStart.rfcCode)") }
        if let skip { parts.append("SKIP=\(skip.rawValue)") }
        return parts.joined(separator: ";")
    }
}

extension RecurrenceRule: Codable {
    /// Decodes the RRULE text, turning a parse failure into a decoding error carrying the operator's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try RecurrenceRule(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the canonical RRULE text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
