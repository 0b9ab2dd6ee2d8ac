/// How much decoded audio a stream keeps between the network and the loudspeakers, in seconds of audio. The level is
/// held near `target` by nudging the playback rate (`RateController`), so a sender whose clock runs a little fast or
/// slow never makes the delay creep; the buffer never holds more than `capacity`.
public struct JitterSettings: Sendable, Equatable {
    /// The level aimed at: the stream's share of the delay. 0.3 s suits a LAN or a good wired link; a 4G link
    /// needs 0.6–0.8 s (docs/live.md, "delay budget").
    public var target: Double
    /// Below this, the rate is slowed at full strength; after an underrun, playback waits until the level is back
    /// here.
    public var low: Double
    /// Above this, the rate is quickened at full strength.
    public var high: Double
    /// The most ever held: a burst beyond it (a server's burst on connect) drops the oldest audio.
    public var capacity: Double
    /// The largest rate adjustment, parts per million: 2 000 (0.2 %, 3.5 cents) covers a sender 0.1 % off.
    public var maxAdjustmentPPM: Int

    /// Creates settings; the defaults are the LAN ones.
    public init(target: Double = 0.3, low: Double = 0.15, high: Double = 0.5, capacity: Double = 1.0,
                maxAdjustmentPPM: Int = 2_000) {
        self.target = target
        self.low = low
        self.high = high
        self.capacity = capacity
        self.maxAdjustmentPPM = maxAdjustmentPPM
    }
}
