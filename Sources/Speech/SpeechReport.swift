import AudioCodec

/// What `media speak` prints: the words actually spoken, the voice, how long synthesis took, and the encoding
/// report of the pipeline that followed. Encoded as one JSON object for `--json`.
public struct SpeechReport: Sendable, Codable, Equatable {
    /// Where the text came from: `--text` or the text file.
    public var source: String
    /// The text after normalisation, as espeak-ng read it.
    public var spokenText: String
    /// The voice.
    public var voice: String
    /// Words per minute.
    public var rate: Int
    /// Seconds espeak-ng took.
    public var synthesisSeconds: Double
    /// Seconds the pipeline (resampling, loudness, Opus, writing) took.
    public var encodeSeconds: Double
    /// The pipeline's report.
    public var encoding: EncodeReport

    enum CodingKeys: String, CodingKey {
        case source
        case spokenText = "spoken_text"
        case voice, rate
        case synthesisSeconds = "synthesis_s"
        case encodeSeconds = "encode_s"
        case encoding
    }
}
