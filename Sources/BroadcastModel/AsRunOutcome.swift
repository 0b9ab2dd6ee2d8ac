/// What became of a planned or started item, as the as-run log records it and the control protocol reports it
/// (the protocol's `Outcome`): the one outcome type of the package.
public enum AsRunOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Began playing; the entry is updated to its final outcome when it ends.
    case started
    /// Played to the end.
    case aired
    /// Cut by a higher level; the entry's position says where.
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
