/// Notices a URL on air that delivers, but too slowly (throttled, congested): the stream never stalls outright, yet
/// the audio thread keeps running dry. It samples the reader's running underrun total and calls the stream starved
/// when more than `limit` seconds of it fell within the last `window` seconds.
struct StarvationWatch {
    /// Underrun allowed within the window, seconds.
    let limit: Double
    /// The window, seconds.
    let window: Double
    private var samples: [(at: Double, underrun: Double)] = []

    /// A watch with `StreamConfiguration`'s starvation limit and window.
    init(limit: Double, window: Double) {
        self.limit = limit
        self.window = window
    }

    /// Records the underrun total (seconds) at `now` (monotonic seconds); returns when the starvation began (the
    /// last sample before the underruns of the window started) once it exceeds the limit, else nil.
    mutating func starved(at now: Double, underrun: Double) -> Double? {
        if let last = samples.last, now - last.at < 0.05 { return nil }
        samples.append((now, underrun))
        samples.removeAll { $0.at < now - window }
        guard let first = samples.first, underrun - first.underrun > limit else { return nil }
        let rising = samples.firstIndex { $0.underrun > first.underrun } ?? 0
        return samples[max(0, rising - 1)].at
    }
}
