import Foundation

extension ConflictChecker {
    /// The first same-level clash of each programme of `schedules`, in order, with the `settled` schedules (already
    /// in force), every earlier entry of `schedules` and the earlier programmes of its own schedule: what a site
    /// reports for the files of its schedules directory, and `schedule check` for the files it is given.
    ///
    /// Each entry is named (a path or a schedule name) for the report. A programme with the id of an earlier one is
    /// not compared with it (a site refuses such a file anyway). The airings checked so far are filed in an
    /// ``AiringIndex``, so each programme is checked in time proportional to its own airings and the whole set in
    /// one pass; the horizon ends early when a programme airs more than ``maximumAirings`` times in it (an HOURLY or
    /// MINUTELY campaign). `duration` gives a medium's playing time in seconds, or nil when it is unknown.
    ///
    /// - Throws: ``ScheduleError`` when a zone is unknown or a medium's duration is nil.
    public static func clashes(
        among schedules: [(name: String, schedule: Schedule)], settled: [(name: String, schedule: Schedule)] = [],
        now: Date, horizon: TimeInterval = ConflictChecker.defaultHorizon,
        duration: @escaping @Sendable (String) -> TimeInterval?
    ) throws(ScheduleError) -> [ScheduleClash] {
        var lengths: [String: TimeInterval] = [:]
        for programme in (settled + schedules).flatMap(\.schedule.programmes)
        where programme.stream == nil && lengths[programme.media] == nil {
            guard let seconds = duration(programme.media) else {
                throw .unknownMediaDuration(programme: programme.id, media: programme.media)
            }
            lengths[programme.media] = seconds
        }
        var horizon = horizon
        for (_, schedule) in settled + schedules {
            let zone = try schedule.zone()
            for programme in schedule.programmes {
                horizon = boundedEnd(of: programme, zone: zone, now: now, end: now + horizon).timeIntervalSince(now)
            }
        }
        let longest = lengths.values.max() ?? 0
        var index = AiringIndex(window: (now - longest)..<(now + horizon + longest))
        var found: [ScheduleClash] = []
        for (position, (name, schedule)) in (settled + schedules).enumerated() {
            let zone = try schedule.zone()
            for programme in schedule.programmes {
                let length = programme.stream?.duration ?? lengths[programme.media] ?? 0
                if position >= settled.count {
                    let candidates = programme.occurrences(in: now..<(now + horizon), zone: zone)
                    if let (occurrence, clash) = index.firstOverlap(of: candidates, lasting: length,
                                                                    level: programme.level,
                                                                    excludingProgramme: programme.id) {
                        let conflict = ScheduleConflict(
                            programmeID: programme.id, start: occurrence.start, otherProgrammeID: clash.programmeID,
                            otherStart: clash.start, otherEnd: clash.end, timeZoneIdentifier: schedule.timezone
                        )
                        found.append(ScheduleClash(schedule: name, otherSchedule: clash.schedule, conflict: conflict))
                    }
                }
                index.insert(schedule: name, programme: programme, zone: zone, length: length)
            }
        }
        return found
    }
}
