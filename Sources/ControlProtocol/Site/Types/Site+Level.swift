extension Site {
    /// Broadcast levels of Circular 39/2020/TT-BTTTT, lowest to highest.
    public enum Level: String, Codable, Sendable, Hashable, CaseIterable {
        /// A commune programme: plays at its time if nothing higher is playing.
        case normal
        /// A bulletin: plays after the current normal item, or sooner if its schedule says so.
        case priority
        /// An alert: cuts whatever plays.
        case emergency
    }
}
