import Foundation

/// Finds airtime clashes between programmes of the same level, given how long each medium plays.
///
/// Different levels never conflict: a priority bulletin is meant to interrupt or follow a normal programme, and
/// the playout engine handles that. Two programmes of one level on air at once is a scheduling mistake that is
/// reported when the programme is added (DESIGN §6), or resolved by queueing one after the other.
public struct ConflictChecker: Sendable {
    /// A year and a day, so every monthly and yearly pattern (including 29 February) is seen at least once.
    public static let defaultHorizon: TimeInterval = 366 * 86_400
    /// The most airings of one programme a check looks at: an HOURLY or MINUTELY campaign would otherwise put half
    /// a million airings in a year's check, so the horizon shrinks to end at the airing after this many.
    public static let maximumAirings = 20_000

    /// The schedules in force at the site, each read in its own time zone.
    public let schedules: [Schedule]
    private let duration: @Sendable (String) -> TimeInterval?

    /// Creates a checker over every schedule at a site; `duration` returns a medium's playing time in seconds, or
    /// nil when it is unknown.
    public init(schedules: [Schedule], duration: @escaping @Sendable (String) -> TimeInterval?) {
        self.schedules = schedules
        self.duration = duration
    }

    /// Creates a checker for one schedule; `duration` returns a medium's playing time in seconds, or nil.
    public init(schedule: Schedule, duration: @escaping @Sendable (String) -> TimeInterval?) {
        self.init(schedules: [schedule], duration: duration)
    }

    /// Creates a checker from a table of media durations in seconds.
    public init(schedule: Schedule, durations: [String: TimeInterval]) {
        self.init(schedules: [schedule]) { durations[$0] }
    }

    /// The earliest clash between `programme` and a same-level programme in `[now, now + horizon)`, or nil.
    ///
    /// `timeZone` is the zone of the file the programme comes from (by default the first schedule's). A programme
    /// already in a schedule with the same id is treated as the one being replaced and ignored. When a programme
    /// involved airs more than ``maximumAirings`` times in the horizon, the check stops where that programme's
    /// airings reach the limit (for a MINUTELY rule, about two weeks ahead).
    public func firstConflict(
        adding programme: Programme, timeZone: String? = nil, now: Date,
        horizon: TimeInterval = ConflictChecker.defaultHorizon
    ) throws(ScheduleError) -> ScheduleConflict? {
        let identifier = timeZone ?? schedules.first?.timezone ?? Schedule.defaultTimeZone
        guard let zone = ZoneOffsets(identifier: identifier) else { throw .unknownTimeZone(identifier) }
        let length = try mediaDuration(of: programme)
        let end = try boundedEnd(of: programme, zone: zone, now: now, end: now + horizon)
        let airings = try existingAirings(level: programme.level, excluding: programme.id, from: now, to: end + length)
        let longest = airings.map { $0.end.timeIntervalSince($0.start) }.max() ?? 0
        for occurrence in programme.occurrences(in: now..<end, zone: zone) {
            // Only airings starting in (start - longest, start + length) can overlap; they are found by bisection.
            var index = Self.firstAiring(in: airings, startingAtOrAfter: occurrence.start - longest)
            var clash: Airing?
            while index < airings.count, airings[index].start < occurrence.start + length {
                if airings[index].end > occurrence.start {
                    clash = airings[index]
                    break
                }
                index += 1
            }
            if let clash {
                return ScheduleConflict(
                    programmeID: programme.id, start: occurrence.start, otherProgrammeID: clash.programmeID,
                    otherStart: clash.start, otherEnd: clash.end, timeZoneIdentifier: identifier
                )
            }
        }
        return nil
    }

    /// As ``firstConflict(adding:timeZone:now:horizon:)``, reading "now" from an injected clock.
    public func firstConflict(
        adding programme: Programme, timeZone: String? = nil, clock: some Clock,
        horizon: TimeInterval = ConflictChecker.defaultHorizon
    ) throws(ScheduleError) -> ScheduleConflict? {
        try firstConflict(adding: programme, timeZone: timeZone, now: clock.now(), horizon: horizon)
    }

    /// Where an airing of `programme` due at `start` can begin if it queues after every same-level airing it
    /// would overlap, for operators who prefer "play it next" to rejecting the schedule. Nil when same-level
    /// airings leave no gap long enough within `horizon` of `start`.
    public func queuedStart(
        of programme: Programme, at start: Date, horizon: TimeInterval = ConflictChecker.defaultHorizon
    ) throws(ScheduleError) -> Date? {
        let length = try mediaDuration(of: programme)
        var candidate = start
        let others = try schedules.flatMap(\.programmes).filter { $0.level == programme.level && $0.id != programme.id }
            .map { other throws(ScheduleError) in (other, try mediaDuration(of: other)) }
        let longest = others.map(\.1).max() ?? 0
        while candidate < start + horizon {
            let airings = try existingAirings(
                level: programme.level, excluding: programme.id, from: candidate - longest, to: candidate + length
            )
            guard let blocking = airings.filter({ $0.start < candidate + length && $0.end > candidate })
                .max(by: { $0.end < $1.end })
            else { return candidate }
            candidate = blocking.end
        }
        return nil
    }

    /// `end`, or earlier when `programme` or a same-level programme it is checked against airs more than
    /// ``maximumAirings`` times before it.
    private func boundedEnd(of programme: Programme, zone: ZoneOffsets, now: Date, end: Date) throws(ScheduleError)
        -> Date {
        var bounded = Self.boundedEnd(of: programme, zone: zone, now: now, end: end)
        for schedule in schedules {
            let otherZone = try schedule.zone()
            for other in schedule.programmes where other.level == programme.level && other.id != programme.id {
                bounded = Self.boundedEnd(of: other, zone: otherZone, now: now, end: bounded)
            }
        }
        return bounded
    }

    private static func boundedEnd(of programme: Programme, zone: ZoneOffsets, now: Date, end: Date) -> Date {
        var iterator = programme.occurrenceIterator(from: now, to: end, zone: zone)
        var seen = 0
        while let instant = iterator.next() {
            seen += 1
            if seen > maximumAirings { return instant.date }
        }
        return end
    }

    /// The index of the first airing starting at or after `date` in airings sorted by start.
    private static func firstAiring(in airings: [Airing], startingAtOrAfter date: Date) -> Int {
        var low = 0
        var high = airings.count
        while low < high {
            let middle = (low + high) / 2
            if airings[middle].start < date { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// One airing of an existing programme, as a half-open span of absolute time.
    private struct Airing {
        let programmeID: String
        let start: Date
        let end: Date
    }

    private func existingAirings(
        level: ProgrammeLevel, excluding id: String, from: Date, to: Date
    ) throws(ScheduleError) -> [Airing] {
        var airings: [Airing] = []
        for schedule in schedules {
            let zone = try schedule.zone()
            for other in schedule.programmes where other.level == level && other.id != id {
                let length = try mediaDuration(of: other)
                for occurrence in other.occurrences(in: (from - length)..<to, zone: zone) {
                    airings.append(Airing(programmeID: other.id, start: occurrence.start,
                                          end: occurrence.start + length))
                }
            }
        }
        return airings.sorted { ($0.start, $0.programmeID) < ($1.start, $1.programmeID) }
    }

    private func mediaDuration(of programme: Programme) throws(ScheduleError) -> TimeInterval {
        guard let seconds = duration(programme.media) else {
            throw .unknownMediaDuration(programme: programme.id, media: programme.media)
        }
        return seconds
    }
}
