extension Site {
    /// What became of one item in the as-run log.
    public enum Outcome: String, Codable, Sendable, Hashable, CaseIterable {
        /// On air now; the entry is completed when it ends.
        case started
        /// Played to the end.
        case aired
        /// Interrupted by a higher level.
        case preempted
        /// Continued after a preemption.
        case resumed
        /// Not started, for example because it was too late.
        case skipped
        /// Its time passed while the daemon was not running.
        case missed
        /// Playback failed.
        case failed
        /// Its expiry passed.
        case expired
        /// Cancelled before or while airing.
        case cancelled
        /// On air when the daemon stopped without ending it (power loss or crash); marked at the next start.
        case interrupted
    }
}
