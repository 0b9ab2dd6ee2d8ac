import Foundation

/// One schedule file: a time zone, optional quiet hours and the programmes (DESIGN §6).
public struct Schedule: Hashable, Sendable {
    /// The zone every local date and time in the file is read in.
    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"

    /// The IANA time-zone identifier.
    public var timezone: String
    /// The nightly period in which normal programmes do not air.
    public var quietHours: QuietHours?
    /// The programmes, in file order.
    public var programmes: [Programme]

    /// Creates a schedule; the zone defaults to Vietnam's, which has no daylight-saving time.
    public init(timezone: String = Schedule.defaultTimeZone, quietHours: QuietHours? = nil, programmes: [Programme]) {
        self.timezone = timezone
        self.quietHours = quietHours
        self.programmes = programmes
    }

    /// The zone's offset table, or an error naming the unknown zone.
    public func zone() throws(ScheduleError) -> ZoneOffsets {
        guard let zone = ZoneOffsets(identifier: timezone) else { throw .unknownTimeZone(timezone) }
        return zone
    }

    /// Checks the zone and every programme, and that ids are unique; call once when a schedule is loaded.
    public func validate() throws(ScheduleError) {
        _ = try zone()
        var seen: Set<String> = []
        for programme in programmes {
            try programme.validate()
            guard seen.insert(programme.id).inserted else { throw .duplicateProgramme(programme.id) }
        }
    }

    /// Every airing of every programme with a start in `[from, to)`, ordered by start and then programme id.
    public func occurrences(from: Date, to: Date) throws(ScheduleError) -> [Occurrence] {
        guard from < to else { return [] }
        let zone = try zone()
        return programmes.flatMap { $0.occurrences(in: from..<to, zone: zone) }.sorted()
    }

    /// The next `count` airings strictly after `date`, optionally of the one programme `id` (for previews).
    public func next(count: Int, after date: Date, id: String? = nil) throws(ScheduleError) -> [Occurrence] {
        let zone = try zone()
        let chosen = programmes.filter { id == nil || $0.id == id }
        return Array(chosen.flatMap { $0.nextOccurrences(count, after: date, zone: zone) }.sorted().prefix(count))
    }

    /// The programme with `id`, if any.
    public func programme(id: String) -> Programme? {
        programmes.first { $0.id == id }
    }
}

extension Schedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case timezone, programmes
        case quietHours = "quiet_hours"
    }

    /// Decodes a schedule file; a missing zone means Asia/Ho_Chi_Minh and missing programmes mean none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timezone = try container.decodeIfPresent(String.self, forKey: .timezone) ?? Schedule.defaultTimeZone
        quietHours = try container.decodeIfPresent(QuietHours.self, forKey: .quietHours)
        programmes = try container.decodeIfPresent([Programme].self, forKey: .programmes) ?? []
    }

    /// Encodes the schedule-file shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timezone, forKey: .timezone)
        try container.encodeIfPresent(quietHours, forKey: .quietHours)
        try container.encode(programmes, forKey: .programmes)
    }
}
