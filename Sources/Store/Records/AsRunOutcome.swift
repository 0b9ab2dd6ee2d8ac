import GRDB

/// What happened to a planned or started item, as the as-run log records it.
public enum AsRunOutcome: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Began playing; the entry is updated to its final outcome when it ends.
    case started
    /// Played to the end.
    case aired
    /// Cut by a higher level; `positionSeconds` says where.
    case preempted
    /// Continued after a preemption.
    case resumed
    /// Deliberately not played (quiet hours, policy, too late by `max_late`).
    case skipped
    /// Its time passed while the daemon was down or busy.
    case missed
    /// Could not be played (missing media, device error).
    case failed
    /// Its expiry passed before it aired.
    case expired
    /// Cancelled before or while airing.
    case cancelled
    /// Was on air when the daemon stopped without ending it (power loss, crash, `kill -9`); found and marked at
    /// the next start, since nobody could write its end.
    case interrupted
}
