extension Site {
    /// What a `Monitor` event reports.
    public enum EventKind: String, Codable, Sendable, Hashable, CaseIterable {
        /// An item started.
        case playStart = "play_start"
        /// An item ended.
        case playEnd = "play_end"
        /// An item was interrupted.
        case preempted
        /// An interrupted item continued.
        case resumed
        /// An item was skipped.
        case skipped
        /// An item failed.
        case failed
        /// An alert changed state.
        case alertState = "alert_state"
        /// The audio device changed state.
        case deviceState = "device_state"
        /// Configuration or schedules were reloaded.
        case configReload = "config_reload"
        /// A relayed stream's URL failed or playback switched source (another URL, the fallback, back).
        case stream
        /// The client did not read in time and missed `lost` events; the stream goes on after them.
        case eventsLost = "events_lost"
    }
}
