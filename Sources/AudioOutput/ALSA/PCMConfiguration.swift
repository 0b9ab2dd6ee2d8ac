/// What the playout code asks of an ALSA PCM: DESIGN §3's 200 ms buffer of 20 ms periods, 16-bit samples.
public struct PCMConfiguration: Sendable, Equatable {
    /// ALSA PCM name: `default`, `hw:1,0`, `plughw:CARD=Device`, `null`, `file:FILE=/tmp/x.wav,FORMAT=wav`.
    public var device: String
    /// Frames per second requested; the device may grant a nearby rate, which `ALSAPCM.rate` reports.
    public var sampleRate: Int
    /// Interleaved channels.
    public var channels: Int
    /// Requested buffer length in microseconds.
    public var bufferMicroseconds: Int
    /// Requested period length in microseconds.
    public var periodMicroseconds: Int

    /// Creates a configuration with the broadcast defaults.
    public init(device: String, sampleRate: Int = 48_000, channels: Int = 1,
                bufferMicroseconds: Int = 200_000, periodMicroseconds: Int = 20_000) {
        self.device = device
        self.sampleRate = sampleRate
        self.channels = channels
        self.bufferMicroseconds = bufferMicroseconds
        self.periodMicroseconds = periodMicroseconds
    }
}
