import Foundation

/// Every schedule in force at one site, followed together: the daemon's scheduler asks it what fell due, and it
/// answers with each due airing already decided — play it, skip it for quiet hours, or log it as missed.
///
/// Each schedule keeps its own ``Planner``, so each is read in its own time zone with its own quiet hours, and all
/// of them advance to the same instant on every call. Like the planner, this type never reads the time: the caller
/// passes `now`, which keeps clock jumps, downtime and quiet hours testable with a manual clock.
public struct SitePlanner: Sendable {
    /// One schedule as the site runs it.
    public struct Entry: Sendable {
        /// The schedule's name: its file name without `.yaml`, or the name given when it was added.
        public let id: String
        /// The schedule itself.
        public let schedule: Schedule
        /// Whether its programmes were accepted despite clashes, to be queued after the airing they overlap.
        public let afterConflict: Bool
        fileprivate var planner: Planner
    }

    /// What to do with one airing that has fallen due.
    public enum Decision: Hashable, Sendable {
        /// Put it on air now; `lateness` is how long after its start that is, in seconds.
        case play(lateness: TimeInterval)
        /// Do not air it: it falls in its schedule's quiet hours (whether or not it is also late).
        case quietHours
        /// Do not air it: it is later than its programme's `max_late` (downtime or a forward clock jump).
        case missed(lateness: TimeInterval)
    }

    /// One airing that fell due, with the programme it belongs to and what to do with it.
    public struct Due: Sendable {
        /// The schedule it comes from.
        public let scheduleID: String
        /// Whether that schedule was accepted with `after_conflict`.
        public let afterConflict: Bool
        /// The programme.
        public let programme: Programme
        /// The airing.
        public let occurrence: Occurrence
        /// What to do with it.
        public let decision: Decision
    }

    /// Whether priority programmes play through quiet hours (a site setting); a change applies from the next
    /// ``advance(to:)`` on.
    public var priorityPolicy: QuietHoursPolicy
    /// The schedules, by id.
    public private(set) var entries: [String: Entry] = [:]
    /// The last instant handled: everything due up to it has been returned by ``advance(to:)``.
    public private(set) var plannedThrough: Date

    /// Creates a planner with no schedules that has handled everything up to `plannedThrough` (the last instant
    /// the daemon handled before it stopped, or now).
    public init(priorityPolicy: QuietHoursPolicy, plannedThrough: Date) {
        self.priorityPolicy = priorityPolicy
        self.plannedThrough = plannedThrough
    }

    /// Puts a new set of schedules in force.
    ///
    /// A schedule that has not changed keeps its planner untouched. A new or changed one starts from `since`
    /// (``plannedThrough`` at start-up, so airings missed while the daemon was down are reported; the present when
    /// an operator adds or edits a schedule, so nothing in the past is played). A changed schedule keeps what its
    /// programmes already aired, so editing a file never replays an airing.
    public mutating func install(
        _ schedules: [(id: String, schedule: Schedule, afterConflict: Bool)], since: Date
    ) throws(ScheduleError) {
        var installed: [String: Entry] = [:]
        for (id, schedule, afterConflict) in schedules {
            if let existing = entries[id], existing.schedule == schedule {
                installed[id] = Entry(id: id, schedule: schedule, afterConflict: afterConflict,
                                      planner: existing.planner)
                continue
            }
            let ids = Set(schedule.programmes.map(\.id))
            let aired = entries[id]?.planner.lastAired.filter { ids.contains($0.key) } ?? [:]
            let planner = try Planner(schedule: schedule, plannedThrough: since, lastAired: aired)
            installed[id] = Entry(id: id, schedule: schedule, afterConflict: afterConflict, planner: planner)
        }
        entries = installed
    }

    /// Moves every schedule to `now` and returns the airings that fell due since the last call, in order, each
    /// decided. Every returned airing counts as handled: after a backward clock jump it is not returned again.
    public mutating func advance(to now: Date) throws(ScheduleError) -> [Due] {
        var due: [Due] = []
        for id in entries.keys.sorted() {
            guard var entry = entries[id] else { continue }
            let fallen = try entry.planner.replan(now: now)
            entries[id] = entry
            guard !fallen.isEmpty else { continue }
            let gate = try entry.schedule.quietHoursGate(priorityPolicy: priorityPolicy)
            for late in fallen {
                guard let programme = entry.schedule.programme(id: late.occurrence.programmeID) else { continue }
                let decision: Decision
                if gate.decide(level: programme.level.level, start: late.occurrence.start)
                    == .skipQuietHours {
                    decision = .quietHours
                } else if late.disposition == .missed {
                    decision = .missed(lateness: late.lateness)
                } else {
                    decision = .play(lateness: late.lateness)
                }
                entry.planner.markAired(late.occurrence)
                due.append(Due(scheduleID: id, afterConflict: entry.afterConflict, programme: programme,
                               occurrence: late.occurrence, decision: decision))
            }
            entries[id] = entry
        }
        plannedThrough = now
        return due.sorted { $0.occurrence < $1.occurrence }
    }

    /// The next airing of any schedule after the last ``advance(to:)``, with the programme it belongs to.
    public var nextDue: (occurrence: Occurrence, programme: Programme)? {
        next.map { ($0.occurrence, $0.programme) }
    }

    /// Whether ``advance(to:)`` will skip the next airing for its schedule's quiet hours when it falls due, so the
    /// scheduler does not switch the loudspeakers on for it: a relay clicking at night for nothing wakes people.
    public var nextDueFallsInQuietHours: Bool {
        guard let next, let gate = try? next.entry.schedule.quietHoursGate(priorityPolicy: priorityPolicy) else {
            return false
        }
        return gate.decide(level: next.programme.level.level, start: next.occurrence.start)
            == .skipQuietHours
    }

    private var next: (entry: Entry, occurrence: Occurrence, programme: Programme)? {
        let candidates = entries.values.compactMap { entry -> (Entry, Occurrence, Programme)? in
            guard let next = entry.planner.nextDue, let programme = entry.schedule.programme(id: next.programmeID)
            else { return nil }
            return (entry, next, programme)
        }
        return candidates.min { $0.1 < $1.1 }
    }
}
