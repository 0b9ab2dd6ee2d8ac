import Foundation

/// The nightly period in which the loudspeakers stay silent for normal programmes, e.g. 21:30–05:00.
///
/// The period starts at `from` (inclusive) and ends at `to` (exclusive) on the schedule's wall clock. When `from`
/// is later than `to` it spans midnight. Equal bounds describe an empty period, not a whole day.
public struct QuietHours: Hashable, Sendable, Codable, CustomStringConvertible {
    /// When quiet starts, inclusive.
    public var from: LocalTime
    /// When quiet ends, exclusive.
    public var to: LocalTime

    /// Creates quiet hours; `from` after `to` means the period crosses midnight.
    public init(from: LocalTime, to: LocalTime) {
        self.from = from
        self.to = to
    }

    /// Whether a wall-clock time of day is inside the quiet period.
    public func contains(_ time: LocalTime) -> Bool {
        contains(secondOfDay: time.secondOfDay)
    }

    /// Whether an absolute instant falls inside the quiet period on `zone`'s wall clock.
    public func contains(_ date: Date, in zone: ZoneOffsets) -> Bool {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        let wall = zone.wallSeconds(atUTC: utc)
        let days = CivilCalendar.floorDivide(Int(wall), Int(CivilCalendar.secondsPerDay))
        return contains(secondOfDay: Int(wall) - days * Int(CivilCalendar.secondsPerDay))
    }

    /// As ``contains(_:in:)-(_,ZoneOffsets)``, for callers holding a Foundation `TimeZone`.
    public func contains(_ date: Date, in zone: TimeZone) -> Bool {
        contains(date, in: ZoneOffsets(zone))
    }

    /// `21:30–05:00`.
    public var description: String {
        "\(from)–\(to)"
    }

    private func contains(secondOfDay: Int) -> Bool {
        let start = from.secondOfDay
        let end = to.secondOfDay
        if start <= end {
            return secondOfDay >= start && secondOfDay < end
        }
        return secondOfDay >= start || secondOfDay < end
    }
}
