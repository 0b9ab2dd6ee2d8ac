import AudioCodec

/// How a live broadcast is sent: where, as whom, and the encoder's low-delay settings.
public struct LiveSettings: Sendable {
    /// The mount to send to.
    public var mount: MountURL
    /// The source user name (Icecast's default is `source`).
    public var user: String
    /// The source password.
    public var password: String
    /// The broadcast level carried in the stream's tags (`COMMUNECAST_LEVEL`) for stage 2's sites.
    public var level: String
    /// The encoder: low-delay by default (`LiveSettings.lowDelayEncoder`).
    public var encoder: OpusEncoderSettings
    /// Audio frames per capture period (20 ms at 48 kHz).
    public var periodFrames: Int
    /// The most encoded audio held while the server is unreachable, seconds: older pages are dropped rather than
    /// sent late, so a reconnect never adds delay.
    public var maxBacklogSeconds: Double
    /// The first wait before reconnecting, doubled on each failure up to `reconnectMax`, seconds.
    public var reconnectInitial: Double
    /// The longest wait between reconnection attempts, seconds.
    public var reconnectMax: Double

    /// The encoder settings of a live source: no decision delay and pages of at most 80 ms, so the first page leaves
    /// about 0.1 s after the first sample instead of libopusenc's default 3 s (measured in `LiveEncoderDelayTests`).
    public static var lowDelayEncoder: OpusEncoderSettings {
        var settings = OpusEncoderSettings(bitrate: 32_000, complexity: 5, frameMilliseconds: 20)
        settings.decisionDelaySamples = 0
        settings.muxingDelaySamples = 3_840
        return settings
    }

    /// Creates settings with the defaults.
    public init(
        mount: MountURL, user: String = "source", password: String, level: String = "normal",
        encoder: OpusEncoderSettings = LiveSettings.lowDelayEncoder, periodFrames: Int = 960,
        maxBacklogSeconds: Double = 0.5, reconnectInitial: Double = 0.5, reconnectMax: Double = 8
    ) {
        self.mount = mount
        self.user = user
        self.password = password
        self.level = level
        self.encoder = encoder
        self.periodFrames = periodFrames
        self.maxBacklogSeconds = maxBacklogSeconds
        self.reconnectInitial = reconnectInitial
        self.reconnectMax = reconnectMax
    }
}
