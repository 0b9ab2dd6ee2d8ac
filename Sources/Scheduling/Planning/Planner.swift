import BroadcastModel
import Foundation

/// The scheduler's memory between wake-ups: what it has handled, what aired, and what is due next.
///
/// The daemon sleeps until ``nextDue``, then calls ``replan(now:)`` with the clock's reading and plays what that
/// returns. Because every due occurrence is delivered through `replan`, a wall-clock jump needs no special path:
/// - forwards, the occurrences jumped over come back classified as `.playLate` or `.missed`;
/// - backwards, nothing is returned, and occurrences already aired (remembered per programme) are not planned
///   again when the clock passes their start a second time.
public struct Planner: Sendable {
    /// The schedule being followed.
    public let schedule: Schedule
    /// The last instant handled; occurrences up to and including it have been returned or deliberately skipped.
    public private(set) var plannedThrough: Date
    /// The start of the last airing of each programme, by programme id.
    public private(set) var lastAired: [String: Date]
    /// The earliest occurrence strictly after ``plannedThrough`` that has not aired, or nil when none remain.
    public private(set) var nextDue: Occurrence?

    /// Creates a planner that has handled everything up to `plannedThrough`, typically the last run persisted
    /// before a restart; call ``replan(now:)`` next to catch up.
    public init(schedule: Schedule, plannedThrough: Date, lastAired: [String: Date] = [:]) throws(ScheduleError) {
        try schedule.validate()
        self.schedule = schedule
        self.plannedThrough = plannedThrough
        self.lastAired = lastAired
        nextDue = try Planner.nextDue(in: schedule, after: plannedThrough, lastAired: lastAired)
    }

    /// Creates a planner starting from `clock`'s current reading, with nothing to catch up.
    public init(schedule: Schedule, clock: some Clock) throws(ScheduleError) {
        try self.init(schedule: schedule, plannedThrough: clock.now())
    }

    /// Moves the planner to `now` and returns the occurrences that fell due since the last call, classified.
    ///
    /// Occurrences that already aired are never returned again, so a backward jump followed by the clock
    /// catching up replays nothing.
    public mutating func replan(now: Date) throws(ScheduleError) -> [LateOccurrence] {
        // The next airing is still ahead (or there is none), so nothing fell due and it stays the next: the common
        // case of every wake-up costs nothing, however many programmes the schedule holds.
        if now >= plannedThrough, nextDue.map({ $0.start > now }) ?? true {
            plannedThrough = now
            return []
        }
        var due: [LateOccurrence] = []
        if now > plannedThrough {
            due = try schedule.lateOccurrences(since: plannedThrough, now: now).filter { !hasAired($0.occurrence) }
        }
        plannedThrough = now
        nextDue = try Planner.nextDue(in: schedule, after: now, lastAired: lastAired)
        return due
    }

    /// As ``replan(now:)``, reading the time from an injected clock.
    public mutating func replan(clock: some Clock) throws(ScheduleError) -> [LateOccurrence] {
        try replan(now: clock.now())
    }

    /// Records that `occurrence` went on air, so it is never planned again.
    public mutating func markAired(_ occurrence: Occurrence) {
        let previous = lastAired[occurrence.programmeID] ?? .distantPast
        lastAired[occurrence.programmeID] = Swift.max(previous, occurrence.start)
    }

    /// Whether an occurrence is at or before its programme's last airing.
    public func hasAired(_ occurrence: Occurrence) -> Bool {
        guard let aired = lastAired[occurrence.programmeID] else { return false }
        return occurrence.start <= aired
    }

    private static func nextDue(
        in schedule: Schedule, after date: Date, lastAired: [String: Date]
    ) throws(ScheduleError) -> Occurrence? {
        let zone = try schedule.zone()
        return schedule.programmes.compactMap { programme in
            let after = Swift.max(date, lastAired[programme.id] ?? date)
            return programme.nextOccurrences(1, after: after, zone: zone).first
        }.min()
    }
}
