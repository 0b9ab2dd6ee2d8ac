/// An opened input of any accepted container, with what `media info` and `media encode` report about it.
public struct MediaSource {
    /// Container families we accept.
    public enum Container: String, Sendable, Codable {
        case wav = "WAV"
        case oggOpus = "Ogg Opus"
    }

    /// The decoder, positioned at the first frame.
    public let decoder: PCMSource
    /// Which container the bytes were.
    public let container: Container
    /// Sample encoding in the file (`.opus` for Ogg Opus).
    public let encoding: SampleEncoding
    /// Rate the audio was made at: the WAV rate; for Ogg Opus, the rate our pipeline kept in its tags, else the
    /// OpusHead's input rate (48 kHz when unset).
    public let originalSampleRate: Int
    /// Channels in the file before any downmix.
    public let originalChannels: Int
    /// Whether a WAV used WAVE_FORMAT_EXTENSIBLE.
    public let isExtensible: Bool

    /// Opens `path`, choosing the decoder by the file's first bytes rather than its name.
    public static func open(path: String) throws(MediaError) -> MediaSource {
        let prefix = try MediaFile.readPrefix(path: path, count: 12)
        if prefix.starts(with: Array("OggS".utf8)) {
            let reader = try OggOpusFileReader(path: path)
            return MediaSource(
                decoder: reader, container: .oggOpus, encoding: .opus,
                originalSampleRate: BroadcastReady.inputRate(in: reader.comments)
                    ?? (reader.inputSampleRate > 0 ? reader.inputSampleRate : 48_000),
                originalChannels: reader.streamChannels, isExtensible: false
            )
        }
        if prefix.starts(with: Array("RIFF".utf8)) {
            let reader = try WAVFileReader(path: path)
            return MediaSource(
                decoder: reader, container: .wav, encoding: reader.header.encoding,
                originalSampleRate: reader.format.sampleRate, originalChannels: reader.format.channels,
                isExtensible: reader.header.isExtensible
            )
        }
        throw .unrecognised(path: path, leadingBytes: Array(prefix.prefix(4)))
    }

    /// For example "WAV, 16-bit signed PCM, 44100 Hz stereo".
    public var formatDescription: String {
        let shape = AudioFormat(sampleRate: originalSampleRate, channels: originalChannels).description
        switch container {
        case .wav: return "WAV\(isExtensible ? " (extensible)" : ""), \(encoding.humanName), \(shape)"
        case .oggOpus: return "Ogg Opus, \(shape) original"
        }
    }
}
