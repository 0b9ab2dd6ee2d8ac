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

    /// `programme 'tin-sang' at 2026-12-01T05:30:00+07:00 overlaps 'nong-nghiep' (05:30–05:45)`.
    public var description: String {
        let zone = ZoneOffsets(identifier: timeZoneIdentifier) ?? ZoneOffsets(TimeZone(secondsFromGMT: 0)!)
        let at = ISO8601Text.format(start, in: zone)
        let span = "\(ISO8601Text.clockTime(otherStart, in: zone))–\(ISO8601Text.clockTime(otherEnd, in: zone))"
        return "programme '\(programmeID)' at \(at) overlaps '\(otherProgrammeID)' (\(span))"
    }
}
