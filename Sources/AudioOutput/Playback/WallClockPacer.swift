#if canImport(Glibc)
import Glibc
#endif

/// Holds a writer to real time for devices that swallow samples instantly (ALSA `null` and `file`), the way MPD's
/// null output does with `sync`. The writer may run ahead of the wall clock by one device buffer, as it could with
/// real hardware, and is put to sleep beyond that. Uses the monotonic clock, so wall-clock steps do not disturb it.
public struct WallClockPacer: Sendable {
    private let sampleRate: Double
    private let lead: Double
    private var start: Double?
    private var frames = 0

    /// Creates a pacer allowing `leadSeconds` of audio to be queued ahead of real time.
    public init(sampleRate: Int, leadSeconds: Double) {
        self.sampleRate = Double(sampleRate)
        lead = leadSeconds
    }

    /// Seconds on the monotonic clock.
    public static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Records `count` frames as written and sleeps if that puts the writer too far ahead.
    public mutating func didWrite(frames count: Int) {
        let now = Self.monotonicNow()
        if start == nil { start = now }
        frames += count
        let ahead = Double(frames) / sampleRate - (now - start!) - lead
        if ahead > 0 { Self.sleep(seconds: ahead) }
    }

    /// Frames written that a real-time device would not have played yet.
    public var aheadFrames: Int {
        guard let start else { return 0 }
        let played = (Self.monotonicNow() - start) * sampleRate
        return max(0, frames - Int(played))
    }

    /// Records that the device took back `count` frames that had not been heard yet.
    public mutating func didRewind(frames count: Int) {
        frames = max(0, frames - count)
    }

    /// Sleeps until everything written would have been heard.
    public mutating func waitUntilPlayed() {
        guard let start else { return }
        let remaining = Double(frames) / sampleRate - (Self.monotonicNow() - start)
        if remaining > 0 { Self.sleep(seconds: remaining) }
    }

    /// Forgets what was written, for a new item after a pause.
    public mutating func reset() {
        start = nil
        frames = 0
    }

    private static func sleep(seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
