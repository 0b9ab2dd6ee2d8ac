import Foundation

extension ConflictChecker {
    /// The first same-level clash of each programme of `schedules`, in order, with the `settled` schedules (already
    /// in force), every earlier entry of `schedules` and the earlier programmes of its own schedule: what a site
    /// reports for the files of its schedules directory, and `schedule check` for the files it is given.
    ///
    /// Each entry is named (a path or a schedule name) for the report. A programme with the id of an earlier one is
    /// not compared with it (a site refuses such a file anyway). Every programme's airings over the horizon are
    /// worked out once, so a site's whole directory is checked in one pass per programme; the horizon ends early
    /// when a programme airs more than ``maximumAirings`` times in it (an HOURLY or MINUTELY campaign). `duration`
    /// gives a medium's playing time in seconds, or nil when it is unknown.
    ///
    /// - Throws: ``ScheduleError`` when a zone is unknown or a medium's duration is nil.
    public static func clashes(
        among schedules: [(name: String, schedule: Schedule)], settled: [(name: String, schedule: Schedule)] = [],
        now: Date, horizon: TimeInterval = ConflictChecker.defaultHorizon,
        duration: @escaping @Sendable (String) -> TimeInterval?
    ) throws(ScheduleError) -> [ScheduleClash] {
        var lengths: [String: TimeInterval] = [:]
        for programme in (settled + schedules).flatMap(\.schedule.programmes) where lengths[programme.media] == nil {
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
        let window = (now - longest)..<(now + horizon + longest)
        var owners: [String: String] = [:]
        var earlier: [ProgrammeLevel: [Airing]] = [:]
        var found: [ScheduleClash] = []
        for (index, (name, schedule)) in (settled + schedules).enumerated() {
            let zone = try schedule.zone()
            for programme in schedule.programmes {
                let length = lengths[programme.media] ?? 0
                let occurrences = programme.occurrences(in: window, zone: zone)
                if index >= settled.count {
                    let candidates = occurrences.filter { $0.start >= now && $0.start < now + horizon }
                    if let (occurrence, clash) = firstOverlap(of: candidates, lasting: length,
                                                              with: earlier[programme.level] ?? [],
                                                              excluding: programme.id, longest: longest) {
                        let conflict = ScheduleConflict(
                            programmeID: programme.id, start: occurrence.start, otherProgrammeID: clash.programmeID,
                            otherStart: clash.start, otherEnd: clash.end, timeZoneIdentifier: schedule.timezone
                        )
                        found.append(ScheduleClash(schedule: name, otherSchedule: owners[clash.programmeID] ?? name,
                                                   conflict: conflict))
                    }
                }
                owners[programme.id] = owners[programme.id] ?? name
                let airings = occurrences.map {
                    Airing(programmeID: programme.id, start: $0.start, end: $0.start + length)
                }
                earlier[programme.level] = merged(earlier[programme.level] ?? [], airings)
            }
        }
        return found
    }

    /// Two lists of airings sorted by start, as one sorted list, in one pass.
    private static func merged(_ first: [Airing], _ second: [Airing]) -> [Airing] {
        var result: [Airing] = []
        result.reserveCapacity(first.count + second.count)
        var (left, right) = (0, 0)
        while left < first.count, right < second.count {
            if Airing.inOrder(second[right], first[left]) {
                result.append(second[right])
                right += 1
            } else {
                result.append(first[left])
                left += 1
            }
        }
        return result + first[left...] + second[right...]
    }
}
