/// What `media encode` and the daemon's `UploadMedia` may vary; the defaults are DESIGN §3's.
public struct EncodeOptions: Sendable, Equatable {
    /// Integrated loudness the output is normalised to, in LUFS.
    public var targetLUFS: Double = -16
    /// The highest true peak allowed in the output, in dBTP.
    public var truePeakCeiling: Double = -1
    /// The most a quiet input is amplified, so near-silence is not blown up into noise.
    public var maxGainDB: Double = 40
    /// The longest input accepted, in seconds.
    public var maxDurationSeconds: Double = 2 * 3600
    /// The most memory the pipeline may hold for the signal, bytes; nil sets no limit. The pipeline keeps up to
    /// `MediaEncoder.bytesPerFrame` bytes per sample of the mono signal at the input's own rate, so a signal
    /// that would need more is refused before it is decoded (or, when its length is not declared, as soon as
    /// decoding passes the limit). The daemon sets it from the device's memory: an upload sent as is must not get
    /// the site killed for want of memory.
    public var maxSignalMemoryBytes: Int?
    /// Opus encoder settings.
    public var opus = OpusEncoderSettings()
    /// Replace an existing output file.
    public var replaceExisting = false
    /// The TITLE tag: nil takes the input's file name, an empty string writes none (the daemon's uploads, so that
    /// the stored bytes depend on the audio alone and identical announcements are stored once).
    public var title: String?

    /// Default options.
    public init() {}
}
