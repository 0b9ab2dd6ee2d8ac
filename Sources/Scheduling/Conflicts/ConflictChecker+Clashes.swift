import Foundation

extension ConflictChecker {
    /// The first same-level clash of each programme of `schedules`, in order, with the `settled` schedules (already
    /// in force), every earlier entry of `schedules` and the earlier programmes of its own schedule: what a site
    /// reports for the files of its schedules directory, and `schedule check` for the files it is given.
    ///
    /// Each entry is named (a path or a schedule name) for the report; programme ids are assumed unique across
    /// them, as a site requires. `duration` gives a medium's playing time in seconds, or nil when it is unknown.
    ///
    /// - Throws: ``ScheduleError`` when a zone is unknown or a medium's duration is nil.
    public static func clashes(
        among schedules: [(name: String, schedule: Schedule)], settled: [(name: String, schedule: Schedule)] = [],
        now: Date, horizon: TimeInterval = ConflictChecker.defaultHorizon,
        duration: @escaping @Sendable (String) -> TimeInterval?
    ) throws(ScheduleError) -> [ScheduleClash] {
        var owners: [String: String] = [:]
        for (name, schedule) in settled + schedules {
            for programme in schedule.programmes where owners[programme.id] == nil { owners[programme.id] = name }
        }
        var found: [ScheduleClash] = []
        var earlier = settled.map(\.schedule)
        for (name, schedule) in schedules {
            for (index, programme) in schedule.programmes.enumerated() {
                var before = schedule
                before.programmes = Array(schedule.programmes[..<index])
                let checker = ConflictChecker(schedules: earlier + [before], duration: duration)
                let conflict = try checker.firstConflict(adding: programme, timeZone: schedule.timezone, now: now,
                                                         horizon: horizon)
                if let conflict {
                    found.append(ScheduleClash(schedule: name, otherSchedule: owners[conflict.otherProgrammeID] ?? name,
                                               conflict: conflict))
                }
            }
            earlier.append(schedule)
        }
        return found
    }
}
