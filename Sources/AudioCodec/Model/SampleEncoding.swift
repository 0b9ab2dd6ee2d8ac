/// How one sample is stored in a source file, so `media info` and error messages can name it exactly.
public enum SampleEncoding: String, Sendable, Codable, CaseIterable {
    case unsigned8 = "u8"
    case signed16 = "s16"
    case signed24 = "s24"
    case signed32 = "s32"
    case float32 = "f32"
    /// Ogg Opus carries no sample format: the decoder produces float at 48 kHz.
    case opus = "opus"

    /// Bytes per sample in a WAV `data` chunk; zero for compressed encodings.
    public var bytesPerSample: Int {
        switch self {
        case .unsigned8: 1
        case .signed16: 2
        case .signed24: 3
        case .signed32, .float32: 4
        case .opus: 0
        }
    }

    /// Words an operator recognises, e.g. "16-bit signed PCM".
    public var humanName: String {
        switch self {
        case .unsigned8: "8-bit unsigned PCM"
        case .signed16: "16-bit signed PCM"
        case .signed24: "24-bit signed PCM"
        case .signed32: "32-bit signed PCM"
        case .float32: "32-bit float PCM"
        case .opus: "Opus"
        }
    }
}
