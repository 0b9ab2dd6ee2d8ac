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
    /// Fade-out when an item is cut off (preempted, stopped, expired, shut down), continuing from what the listener
    /// heard last. DESIGN §4 allows an emergency's cut up to 300 ms; 50 ms is click-free on a horn and keeps the
    /// attention signal within the alert-latency target.
    public var fadeSeconds: Double
    /// Fade-in of an item that resumes, restarts or otherwise does not start at the beginning of its media (DESIGN
    /// §3: whatever starts or resumes fades in).
    public var fadeInSeconds: Double
    /// How far before the cut a resumed item starts again, so no word is lost.
    public var resumeRewindSeconds: Double
    /// Seconds between attempts to open a missing or failed device.
    public var deviceRetrySeconds: Double
    /// Amplifier warm-up and hold-off.
    public var amplifier: AmplifierTiming

    /// Creates a configuration with the defaults of DESIGN §3 and §4.
    public init(
        deviceName: String, channels: Int = 1, volumeDB: Double = 0, emergencyVolumeDB: Double = 0,
        attentionToneSeconds: Double = 8, fadeSeconds: Double = 0.05, fadeInSeconds: Double = 0.03,
        resumeRewindSeconds: Double = 0.5,
        deviceRetrySeconds: Double = 5, amplifier: AmplifierTiming = AmplifierTiming()
    ) {
        self.deviceName = deviceName
        self.channels = channels
        self.volumeDB = volumeDB
        self.emergencyVolumeDB = emergencyVolumeDB
        self.attentionToneSeconds = attentionToneSeconds
        self.fadeSeconds = fadeSeconds
        self.fadeInSeconds = fadeInSeconds
        self.resumeRewindSeconds = resumeRewindSeconds
        self.deviceRetrySeconds = deviceRetrySeconds
        self.amplifier = amplifier
    }
}
