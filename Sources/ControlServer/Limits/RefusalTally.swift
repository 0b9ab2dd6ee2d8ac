/// Decides which connection refusals the log shows in full and which it only counts, so that a flood of them
/// costs a bounded number of log lines: the first refusal after a quiet interval is logged in full and opens an
/// interval; the refusals during it are counted, and its end logs their count as one line and opens the next
/// interval, until one passes with none.
///
/// It holds no clock: `ControlServer`'s `RefusalLog` ends each interval with a timer on the event loop.
struct RefusalTally: Sendable {
    /// Whether an interval is open (refusals are being counted rather than logged).
    private(set) var isCounting = false
    private var counts: [RefusalReason: Int] = [:]

    /// Creates a tally with no interval open.
    init() {}

    /// Records a refusal; returns `true` when it opens an interval, so the caller logs it in full and arranges for
    /// `endInterval()` to be called at the interval's end.
    mutating func record(_ reason: RefusalReason) -> Bool {
        guard isCounting else {
            isCounting = true
            return true
        }
        counts[reason, default: 0] += 1
        return false
    }

    /// Ends the open interval: returns the refusals counted during it, by reason, when there were any (another
    /// interval is then open), or `nil` when there were none (the tally is quiet again).
    mutating func endInterval() -> [RefusalReason: Int]? {
        guard !counts.isEmpty else {
            isCounting = false
            return nil
        }
        defer { counts = [:] }
        return counts
    }
}
