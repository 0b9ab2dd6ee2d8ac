extension Site {
    /// What happens to an item interrupted by a higher level.
    public enum PreemptPolicy: String, Codable, Sendable, Hashable, CaseIterable {
        /// Continue from where it stopped, if its window has not passed.
        case resume
        /// Play it again from the start.
        case restart
        /// Give it up and log it as preempted.
        case drop
    }
}
