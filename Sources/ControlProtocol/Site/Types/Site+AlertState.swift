extension Site {
    /// Where an alert is in its life on a site.
    public enum AlertState: String, Codable, Sendable, Hashable, CaseIterable {
        /// Accepted, waiting to air.
        case pending
        /// On air now.
        case playing
        /// Between repeats.
        case waiting
        /// Aired every repeat.
        case done
        /// Cancelled by the province.
        case cancelled
        /// Its expiry passed before it finished.
        case expired
        /// It could not be aired.
        case failed
    }
}
