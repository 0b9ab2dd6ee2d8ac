/// One stream to play: its URLs in order of preference, what to play when none works, and how patient to be.
/// A `Sendable` value with a default for every field, as every configuration in the project.
public struct StreamConfiguration: Sendable, Equatable {
    /// `http://` or `https://` Icecast mounts carrying Ogg Opus; the first is the primary.
    public var urls: [String]
    /// What plays when no URL can.
    public var fallback: StreamFallback
    /// The buffer between network and loudspeakers.
    public var jitter: JitterSettings
    /// How long to wait for a connection and the server's answer, seconds.
    public var connectTimeout: Double
    /// How long the stream may send nothing, with the connection open, before it counts as stalled, seconds.
    public var stallTimeout: Double
    /// How much of the last `starvationWindow` seconds may have been silence for want of data before the stream
    /// counts as starved (throttled, congested), seconds.
    public var starvationLimit: Double
    /// The window `starvationLimit` is measured over, seconds.
    public var starvationWindow: Double
    /// From the last bytes of a URL that stopped playing, the most time allowed before something else plays: the
    /// next URL if it is playing by then, else the fallback, seconds. 2.5 s keeps a switch within the 3 s of the
    /// issue with room for the audio thread's period and a loaded machine.
    public var switchDeadline: Double
    /// How long a URL better than the one playing (the primary, or any URL while on fallback) must have been healthy
    /// before playback returns to it, seconds: the hysteresis that stops a flapping link from flapping the air.
    public var returnAfter: Double
    /// The first wait before retrying a URL that failed, doubled on each failure up to `retryMax`, seconds.
    public var retryInitial: Double
    /// The longest wait between retries of a URL, seconds.
    public var retryMax: Double
    /// A PEM file of extra certificate authorities for `https:` URLs (a provincial CA), besides the system's.
    public var trustedCAFile: String?
    /// How long a switch between sources fades, seconds.
    public var crossfade: Double

    /// Creates a configuration with the defaults.
    public init(
        urls: [String], fallback: StreamFallback = .silence, jitter: JitterSettings = JitterSettings(),
        connectTimeout: Double = 2, stallTimeout: Double = 1.5, starvationLimit: Double = 0.6,
        starvationWindow: Double = 2, switchDeadline: Double = 2.5, returnAfter: Double = 15, retryInitial: Double = 1,
        retryMax: Double = 15, trustedCAFile: String? = nil, crossfade: Double = 0.05
    ) {
        self.urls = urls
        self.fallback = fallback
        self.jitter = jitter
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.starvationLimit = starvationLimit
        self.starvationWindow = starvationWindow
        self.switchDeadline = switchDeadline
        self.returnAfter = returnAfter
        self.retryInitial = retryInitial
        self.retryMax = retryMax
        self.trustedCAFile = trustedCAFile
        self.crossfade = crossfade
    }
}
