/// A same-level clash between two schedules in force at once (or two programmes of one schedule), found when a set of
/// schedules is checked together: named by schedule so an operator knows which files to look at.
public struct ScheduleClash: Hashable, Sendable, CustomStringConvertible {
    /// The schedule of the programme that clashes (a file path or a schedule name).
    public let schedule: String
    /// The schedule of the programme it overlaps; the same as ``schedule`` for two programmes of one file.
    public let otherSchedule: String
    /// The two programmes and the first time they overlap.
    public let conflict: ScheduleConflict

    /// Creates a clash report.
    public init(schedule: String, otherSchedule: String, conflict: ScheduleConflict) {
        self.schedule = schedule
        self.otherSchedule = otherSchedule
        self.conflict = conflict
    }

    /// `xa.yaml: programme 'them' at 2026-12-01T05:30:00+07:00 overlaps 'sang' (05:30:00–05:45:00) of dem.yaml`.
    public var description: String {
        "\(schedule): \(conflict)" + (otherSchedule == schedule ? "" : " of \(otherSchedule)")
    }
}
