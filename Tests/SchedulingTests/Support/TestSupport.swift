import Foundation
@testable import Scheduling

/// Helpers shared by the scheduling tests; none of them reads the real time.
enum TestSupport {
    /// Parses an ISO 8601 instant with an offset or `Z`, such as `2026-03-08T07:30:00Z`.
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
        return date
    }

    /// The zone table for an identifier the test knows exists.
    static func zone(_ identifier: String) -> ZoneOffsets {
        guard let zone = ZoneOffsets(identifier: identifier) else { fatalError("unknown zone \(identifier)") }
        return zone
    }

    /// A local date-time the test knows is valid.
    static func local(_ text: String) -> LocalDateTime {
        guard let value = LocalDateTime(text) else { fatalError("bad local date-time \(text)") }
        return value
    }

    /// A local date the test knows is valid.
    static func date(_ text: String) -> LocalDate {
        guard let value = LocalDate(text) else { fatalError("bad local date \(text)") }
        return value
    }

    /// A local time the test knows is valid.
    static func time(_ text: String) -> LocalTime {
        guard let value = LocalTime(text) else { fatalError("bad local time \(text)") }
        return value
    }

    /// Expands `rule` from `start` in `zone` and renders each occurrence as local time with offset.
    static func expand(
        _ rule: String, start: String, zone: String = "America/New_York",
        from: String? = nil, to: String? = nil, limit: Int = 500
    ) throws -> [String] {
        let parsed = try RecurrenceRule(parsing: rule)
        let iterator = parsed.occurrences(
            start: local(start), in: self.zone(zone), from: from.map(instant), to: to.map(instant)
        )
        return iterator.prefix(limit).map(\.description)
    }

    /// Only the local date part of each expansion, for long RFC example lists.
    static func days(_ rule: String, start: String, zone: String = "America/New_York", limit: Int = 500)
        throws -> [String] {
        try expand(rule, start: start, zone: zone, limit: limit).map { String($0.prefix(10)) }
    }

    /// A normal-level friendly programme airing at the given times on the given days.
    static func friendly(
        _ id: String, days: Set<Weekday> = Set(Weekday.allCases), at times: [String],
        level: ProgrammeLevel = .normal, media: String? = nil
    ) -> Programme {
        Programme(
            id: id, title: id, media: media ?? "\(id).opus", level: level,
            recurrence: .friendly(days: days, at: times.map(time))
        )
    }
}
