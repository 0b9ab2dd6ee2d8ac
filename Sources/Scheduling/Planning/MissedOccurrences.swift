import Foundation

/// What to do with an occurrence whose start passed while the planner was not running.
public enum LateDisposition: String, Hashable, Sendable {
    /// Late by no more than the programme's `max_late`: play it now.
    case playLate
    /// Later than `max_late`: do not play it, and log it as missed.
    case missed
}

/// An occurrence that fell due while the planner was down or the clock jumped, with how late it now is.
public struct LateOccurrence: Hashable, Sendable {
    /// The occurrence that was due.
    public let occurrence: Occurrence
    /// Seconds between its start and now.
    public let lateness: TimeInterval
    /// Whether to play it late or log it as missed.
    public let disposition: LateDisposition

    /// Creates a classified late occurrence.
    public init(occurrence: Occurrence, lateness: TimeInterval, disposition: LateDisposition) {
        self.occurrence = occurrence
        self.lateness = lateness
        self.disposition = disposition
    }
}

extension Schedule {
    /// The occurrences due in `(lastRun, now]`, each classified against its programme's `max_late`.
    ///
    /// `lastRun` is the last instant the planner handled (or boot time); an occurrence exactly at `lastRun` was
    /// already handled then, and one exactly at `now` is due now and so plays late by zero seconds. The daemon
    /// plays the `.playLate` ones and writes the `.missed` ones to the as-run log.
    public func lateOccurrences(since lastRun: Date, now: Date) throws(ScheduleError) -> [LateOccurrence] {
        guard lastRun < now else { return [] }
        let due = try occurrences(from: lastRun.flooredToSecond + 1, to: now.flooredToSecond + 1)
        return due.compactMap { occurrence in
            guard occurrence.start > lastRun, occurrence.start <= now else { return nil }
            let lateness = now.timeIntervalSince(occurrence.start)
            let maxLate = programme(id: occurrence.programmeID)?.maxLate ?? Programme.defaultMaxLate
            return LateOccurrence(
                occurrence: occurrence, lateness: lateness, disposition: lateness <= maxLate ? .playLate : .missed
            )
        }
    }
}
