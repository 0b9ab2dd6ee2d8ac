import BroadcastModel
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
        let occurrences = programme.occurrences(in: now..<end, zone: zone)
        return Self.firstOverlap(of: occurrences, lasting: length, with: airings).map { occurrence, clash in
            ScheduleConflict(
                programmeID: programme.id, start: occurrence.start, otherProgrammeID: clash.programmeID,
                otherStart: clash.start, otherEnd: clash.end, timeZoneIdentifier: identifier
            )
        }
    }

    /// The first of `occurrences` (in order) that overlaps one of `airings` (sorted by start), with the earliest such
    /// airing. One index walks forward past every airing that ends before the occurrence could start (none is longer
    /// than the longest), so a year of a whole site's schedules is one pass, not one scan of every airing per
    /// occurrence.
    /// Airings of the programme `excluding` are passed over; `longest` bounds every airing's length.
    static func firstOverlap(
        of occurrences: [Occurrence], lasting length: TimeInterval, with airings: [Airing], excluding: String? = nil,
        longest: TimeInterval? = nil
    ) -> (Occurrence, Airing)? {
        let longest = longest ?? airings.map { $0.end.timeIntervalSince($0.start) }.max() ?? 0
        var earliest = 0
        for occurrence in occurrences {
            while earliest < airings.count, airings[earliest].start <= occurrence.start - longest { earliest += 1 }
            var index = earliest
            while index < airings.count, airings[index].start < occurrence.start + length {
                let airing = airings[index]
                if airing.end > occurrence.start, airing.programmeID != excluding { return (occurrence, airing) }
                index += 1
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

    /// `end`, or the start of `programme`'s airing after its ``maximumAirings``-th from `now` when that comes first.
    public static func boundedEnd(of programme: Programme, zone: ZoneOffsets, now: Date, end: Date) -> Date {
        var iterator = programme.occurrenceIterator(from: now, to: end, zone: zone)
        var seen = 0
        while let instant = iterator.next() {
            seen += 1
            if seen > maximumAirings { return instant.date }
        }
        return end
    }

    /// One airing of an existing programme, as a half-open span of absolute time.
    struct Airing {
        let programmeID: String
        let start: Date
        let end: Date

        /// By start, then by programme id.
        static func inOrder(_ lhs: Airing, _ rhs: Airing) -> Bool {
            (lhs.start, lhs.programmeID) < (rhs.start, rhs.programmeID)
        }
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
        return airings.sorted(by: Airing.inOrder)
    }

    private func mediaDuration(of programme: Programme) throws(ScheduleError) -> TimeInterval {
        guard let seconds = programme.playingTime(mediaDuration: duration) else {
            throw .unknownMediaDuration(programme: programme.id, media: programme.media)
        }
        return seconds
    }
}
