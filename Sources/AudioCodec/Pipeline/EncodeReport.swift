/// What `media encode` prints: the input's format and duration, loudness before and after, and the output.
/// Encoded as one JSON object for `--json`; loudness values are nil when the audio is too short or silent to measure.
public struct EncodeReport: Sendable, Codable, Equatable {
    /// The input file as given.
    public var input: String
    /// For example "WAV, 16-bit signed PCM, 44100 Hz stereo".
    public var inputFormat: String
    /// Input duration in seconds.
    public var durationSeconds: Double
    /// Integrated loudness of the mono 48 kHz signal before normalisation, LUFS.
    public var loudnessBeforeLUFS: Double?
    /// True peak before normalisation, dBTP.
    public var truePeakBeforeDBTP: Double?
    /// Gain applied, dB.
    public var gainDB: Double
    /// Whether the limiter had to act to keep peaks under the ceiling.
    public var limited: Bool
    /// Integrated loudness of the written file as it decodes, LUFS (the codec takes a few tenths of a LU off what
    /// it was given); that of what was encoded when the file could not be decoded back.
    public var loudnessAfterLUFS: Double?
    /// True peak of the written file as it decodes, dBTP; that of what was encoded when it could not be decoded.
    public var truePeakAfterDBTP: Double?
    /// The output file.
    public var output: String
    /// Output size in bytes.
    public var outputBytes: Int
    /// SHA-256 of the output file, lowercase hex; the media store names files by it.
    public var outputSHA256: String
    /// Encoder bitrate setting, bits per second.
    public var bitrate: Int

    enum CodingKeys: String, CodingKey {
        case input
        case inputFormat = "input_format"
        case durationSeconds = "duration_s"
        case loudnessBeforeLUFS = "loudness_before_lufs"
        case truePeakBeforeDBTP = "true_peak_before_dbtp"
        case gainDB = "gain_db"
        case limited
        case loudnessAfterLUFS = "loudness_after_lufs"
        case truePeakAfterDBTP = "true_peak_after_dbtp"
        case output
        case outputBytes = "output_bytes"
        case outputSHA256 = "output_sha256"
        case bitrate
    }
}
