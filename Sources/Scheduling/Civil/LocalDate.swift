import Foundation

/// A calendar date on the wall of the schedule's time zone, with no time and no zone of its own.
///
/// Schedules name dates (`from`, `until`, `except`) as people say them in the commune, so they stay local and are
/// only turned into instants together with a time and the schedule's zone.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The Gregorian year, for example 2026.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31 and valid for the month.
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (31 April, 29 February 2027).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the date of a day number (days since 1970-01-01).
    public init(dayNumber: Int) {
        let civil = CivilCalendar.civil(dayNumber: dayNumber)
        year = civil.year
        month = civil.month
        day = civil.day
    }

    /// Parses `2026-12-01` (schedule files) or `20261201` (RFC 5545 DATE); nil when malformed or nonexistent.
    public init?(_ text: String) {
        let digits: Substring
        let bytes = Array(text.utf8)
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            // Drop exactly the two separators: removing every dash let "2026--1-01" through as 2026-10-01.
            digits = Substring(String(decoding: bytes[0..<4] + bytes[5..<7] + bytes[8..<10], as: UTF8.self))
        } else if bytes.count == 8 {
            digits = Substring(text)
        } else {
            return nil
        }
        guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let year = Int(digits.prefix(4)),
              let month = Int(digits.dropFirst(4).prefix(2)),
              let day = Int(digits.dropFirst(6).prefix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01, the unit all recurrence arithmetic works in.
    public var dayNumber: Int {
        CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// The day of the week this date falls on.
    public var weekday: Weekday {
        Weekday(isoIndex: CivilCalendar.weekdayIndex(dayNumber: dayNumber))
    }

    /// The ISO 8601 form, `2026-12-01`, used in schedule files and messages.
    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension LocalDate: Codable {
    /// Decodes the `2026-12-01` form, naming the bad value when it is not a real date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01"
            )
        }
        self = date
    }

    /// Encodes the `2026-12-01` form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Zero-pads a non-negative number to `width` digits for ISO 8601 output.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
