/// A local date and wall-clock time with no zone attached, the form of an RRULE's DTSTART in a schedule file.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The local date.
    public let date: LocalDate
    /// The local time of day.
    public let time: LocalTime

    /// Joins a date and a time.
    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Creates a date-time from its fields, or nil when any field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard let date = LocalDate(year: year, month: month, day: day),
              let time = LocalTime(hour: hour, minute: minute, second: second)
        else { return nil }
        self.init(date: date, time: time)
    }

    /// Creates the date-time `seconds` after 1970-01-01T00:00:00 on the wall clock.
    init(wallSeconds seconds: Int64) {
        let days = Int(CivilCalendar.floorDivide(Int(seconds), Int(CivilCalendar.secondsPerDay)))
        date = LocalDate(dayNumber: days)
        time = LocalTime(secondOfDay: Int(seconds - Int64(days) * CivilCalendar.secondsPerDay))
    }

    /// Parses `2026-03-08T02:30`, `2026-03-08T02:30:00` or the RFC 5545 form `20260308T023000`.
    public init?(_ text: String) {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, let date = LocalDate(String(halves[0])) else { return nil }
        let timeText = String(halves[1])
        let time: LocalTime?
        if timeText.count == 6, !timeText.contains(":") {
            let digits = Array(timeText)
            time = LocalTime("\(String(digits[0...1])):\(String(digits[2...3])):\(String(digits[4...5]))")
        } else {
            time = LocalTime(timeText)
        }
        guard let time else { return nil }
        self.init(date: date, time: time)
    }

    /// Seconds since 1970-01-01T00:00:00 on the wall clock, as if the zone were UTC.
    public var wallSeconds: Int64 {
        Int64(date.dayNumber) * CivilCalendar.secondsPerDay + Int64(time.secondOfDay)
    }

    /// The ISO 8601 form without offset, `2026-03-08T02:30:00`.
    public var description: String {
        "\(date)T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
    }

    /// Orders date-times on the wall clock.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }
}

extension LocalDateTime: Codable {
    /// Decodes `"2026-03-08T02:30:00"`, naming the bad value when it is malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = LocalDateTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a local date-time: write it as YYYY-MM-DDTHH:MM:SS"
            )
        }
        self = value
    }

    /// Encodes the ISO 8601 form without offset.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
