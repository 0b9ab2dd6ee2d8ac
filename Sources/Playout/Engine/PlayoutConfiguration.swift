import AudioOutput

/// How the engine drives the site's audio, from the hardware profile and daemon configuration.
public struct PlayoutConfiguration: Sendable {
    /// ALSA PCM name, for health and messages.
    public var deviceName: String
    /// Channels the device is opened with; mono media is copied to each.
    public var channels: Int
    /// Normal volume, dB (software gain).
    public var volumeDB: Double
    /// Volume for emergency items, dB.
    public var emergencyVolumeDB: Double
    /// Length of the attention signal before emergency media.
    public var attentionToneSeconds: Double
    /// Fade applied when an item is cut off (DESIGN §4 allows 100–300 ms).
    public var fadeSeconds: Double
    /// How far before the cut a resumed item starts again, so no word is lost.
    public var resumeRewindSeconds: Double
    /// Seconds between attempts to open a missing or failed device.
    public var deviceRetrySeconds: Double
    /// Amplifier warm-up and hold-off.
    public var amplifier: AmplifierTiming

    /// Creates a configuration with the defaults of DESIGN §3 and §4.
    public init(
        deviceName: String, channels: Int = 1, volumeDB: Double = 0, emergencyVolumeDB: Double = 0,
        attentionToneSeconds: Double = 8, fadeSeconds: Double = 0.15, resumeRewindSeconds: Double = 0.5,
        deviceRetrySeconds: Double = 5, amplifier: AmplifierTiming = AmplifierTiming()
    ) {
        self.deviceName = deviceName
        self.channels = channels
        self.volumeDB = volumeDB
        self.emergencyVolumeDB = emergencyVolumeDB
        self.attentionToneSeconds = attentionToneSeconds
        self.fadeSeconds = fadeSeconds
        self.resumeRewindSeconds = resumeRewindSeconds
        self.deviceRetrySeconds = deviceRetrySeconds
        self.amplifier = amplifier
    }
}
