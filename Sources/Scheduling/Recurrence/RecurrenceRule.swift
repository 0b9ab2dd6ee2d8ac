/// A parsed RFC 5545 recurrence rule, limited to the subset commune schedules need (DESIGN §6).
///
/// The rule holds no DTSTART and no zone: those come from the schedule file and are passed when expanding, so the
/// same rule text means the same thing in every commune. Create one with ``init(parsing:)``.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// How often the rule's period repeats.
    public enum Frequency: String, CaseIterable, Hashable, Sendable {
        /// Every day (times INTERVAL).
        case daily = "DAILY"
        /// Every week starting on WKST (times INTERVAL).
        case weekly = "WEEKLY"
        /// Every calendar month (times INTERVAL).
        case monthly = "MONTHLY"
    }

    /// One BYDAY entry: a weekday, optionally with an ordinal inside the month (`1MO`, `-1FR`).
    public struct WeekdayOccurrence: Hashable, Sendable, CustomStringConvertible {
        /// Which occurrence of the weekday in the month, 1…5 or -5…-1; nil means every one.
        public let ordinal: Int?
        /// The weekday.
        public let weekday: Weekday

        /// Creates an entry; `ordinal` must be nil unless the rule is MONTHLY.
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
    /// BYDAY entries in the order written; ordinals only with MONTHLY.
    public let byDay: [WeekdayOccurrence]
    /// BYMONTHDAY values, 1…31 or -31…-1 (negative counts from the month's end).
    public let byMonthDay: [Int]
    /// BYHOUR values, 0…23.
    public let byHour: [Int]
    /// BYMINUTE values, 0…59.
    public let byMinute: [Int]
    /// COUNT: the number of occurrences counted from DTSTART.
    public let count: Int?
    /// UNTIL: the inclusive end.
    public let until: Until?
    /// WKST: the first day of the week, which decides what counts as one WEEKLY interval.
    public let weekStart: Weekday

    /// Assembles a rule from already-validated parts; used by the parser.
    init(
        frequency: Frequency, interval: Int, byDay: [WeekdayOccurrence], byMonthDay: [Int], byHour: [Int],
        byMinute: [Int], count: Int?, until: Until?, weekStart: Weekday
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byHour = byHour
        self.byMinute = byMinute
        self.count = count
        self.until = until
        self.weekStart = weekStart
    }

    /// The canonical RRULE text; parsing it gives back an equal rule.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        if !byMonthDay.isEmpty { parts.append("BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",")) }
        if !byHour.isEmpty { parts.append("BYHOUR=" + byHour.map(String.init).joined(separator: ",")) }
        if !byMinute.isEmpty { parts.append("BYMINUTE=" + byMinute.map(String.init).joined(separator: ",")) }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=\(until)") }
        if weekStart != .monday { parts.append("WKST=\(weekStart.rfcCode)") }
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
