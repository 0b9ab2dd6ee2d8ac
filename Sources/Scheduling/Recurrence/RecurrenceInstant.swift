import Foundation

/// One occurrence of a recurrence rule, known both on the local wall clock and as an absolute instant.
///
/// Keeping both matters: `from`, `until` and `except` dates are local, while timers and ordering are absolute.
public struct RecurrenceInstant: Hashable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00 on the zone's wall clock.
    public let wallSeconds: Int64
    /// Seconds since 1970-01-01T00:00:00Z.
    public let utcSeconds: Int64

    /// Creates an instant from its two readings.
    public init(wallSeconds: Int64, utcSeconds: Int64) {
        self.wallSeconds = wallSeconds
        self.utcSeconds = utcSeconds
    }

    /// The absolute instant, for timers and comparisons.
    public var date: Date {
        Date(timeIntervalSince1970: TimeInterval(utcSeconds))
    }

    /// The local date-time as it was generated (a time in a spring-forward gap keeps its nominal reading).
    public var local: LocalDateTime {
        LocalDateTime(wallSeconds: wallSeconds)
    }

    /// The local date, for `from`, `until` and `except` checks.
    public var localDate: LocalDate {
        LocalDate(dayNumber: CivilCalendar.floorDivide(Int(wallSeconds), Int(CivilCalendar.secondsPerDay)))
    }

    /// The local reading and the offset it was read with, such as `2026-12-01T05:30:00+07:00`.
    ///
    /// For a time in a spring-forward gap this is the nominal reading with the pre-gap offset, e.g.
    /// `2026-03-08T02:30:00-05:00`, which names the same instant as `03:30-04:00` the way RFC 5545 phrases it.
    public var description: String {
        ISO8601Text.format(utcSeconds: utcSeconds, offset: wallSeconds - utcSeconds)
    }
}

/// Formats instants as ISO 8601 text with a numeric offset, as operators read them in messages and previews.
enum ISO8601Text {
    /// `2026-12-01T05:30:00+07:00` for an instant read with `offset` seconds east of UTC.
    static func format(utcSeconds: Int64, offset: Int64) -> String {
        let local = LocalDateTime(wallSeconds: utcSeconds + offset)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = Int(abs(offset))
        return "\(local)\(sign)\(pad(magnitude / 3600, 2)):\(pad(magnitude / 60 % 60, 2))"
    }

    /// `2026-12-01T05:30:00+07:00` for a date shown in `zone`.
    static func format(_ date: Date, in zone: ZoneOffsets) -> String {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        return format(utcSeconds: utc, offset: zone.offset(atUTC: utc))
    }

    /// `05:30` for a date shown on the wall clock of `zone`.
    static func clockTime(_ date: Date, in zone: ZoneOffsets) -> String {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        let time = LocalDateTime(wallSeconds: zone.wallSeconds(atUTC: utc)).time
        return "\(pad(time.hour, 2)):\(pad(time.minute, 2))"
    }
}
