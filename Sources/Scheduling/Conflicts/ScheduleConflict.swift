import Foundation

/// Two programmes of the same level that would be on air at once, reported when a programme is added.
public struct ScheduleConflict: Hashable, Sendable, CustomStringConvertible {
    /// The programme being added.
    public let programmeID: String
    /// The first instant the added programme starts while the other is on air (or starts during it).
    public let start: Date
    /// The programme already in the schedule.
    public let otherProgrammeID: String
    /// When the other programme's clashing airing starts.
    public let otherStart: Date
    /// When the other programme's clashing airing ends.
    public let otherEnd: Date
    /// The schedule's zone, so the message shows local times.
    public let timeZoneIdentifier: String

    /// Creates a conflict report.
    public init(
        programmeID: String, start: Date, otherProgrammeID: String, otherStart: Date, otherEnd: Date,
        timeZoneIdentifier: String
    ) {
        self.programmeID = programmeID
        self.start = start
        self.otherProgrammeID = otherProgrammeID
        self.otherStart = otherStart
        self.otherEnd = otherEnd
        self.timeZoneIdentifier = timeZoneIdentifier
    }

    /// `programme 'tin-sang' at 2026-12-01T05:30:00+07:00 overlaps 'nong-nghiep' (05:30–05:45)`; both ends show
    /// their seconds when either has any (`06:00:00–06:00:12`), so a short airing never reads as `06:00–06:00`.
    public var description: String {
        let zone = ZoneOffsets(identifier: timeZoneIdentifier) ?? ZoneOffsets(TimeZone(secondsFromGMT: 0)!)
        let at = ISO8601Text.format(start, in: zone)
        let from = Self.localTime(otherStart, in: zone)
        let to = Self.localTime(otherEnd, in: zone)
        let span = from.second == 0 && to.second == 0 ? "\(from)–\(to)" : "\(from.withSeconds)–\(to.withSeconds)"
        return "programme '\(programmeID)' at \(at) overlaps '\(otherProgrammeID)' (\(span))"
    }

    private static func localTime(_ date: Date, in zone: ZoneOffsets) -> LocalTime {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        return LocalDateTime(wallSeconds: zone.wallSeconds(atUTC: utc)).time
    }
}

extension LocalTime {
    /// `HH:MM:SS`, seconds always shown.
    var withSeconds: String {
        "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}
