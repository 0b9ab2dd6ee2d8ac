import AudioCodec

/// Why a file handed to `media encode` or `media upload` cannot be imported through FFmpeg, phrased so an operator
/// can act on it: every message names the file, says what is wrong and what would be accepted.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// FFmpeg recognises no media container in the bytes (a text file named `.mp3`, a picture, random data).
    case notMedia(path: String, reason: String)
    /// The file has no bytes at all (a copy or download that never started).
    case emptyFile(path: String)
    /// The container holds streams, but none of them is audio (a video without sound).
    case noAudioStream(path: String, streams: String)
    /// The audio stream is encrypted (DRM, e.g. an iTunes or cenc-protected M4A).
    case protected(path: String, scheme: String)
    /// FFmpeg has no decoder for the stream's codec.
    case noDecoder(path: String, codec: String)
    /// The stream would not decode (damaged packets from start to end).
    case undecodable(path: String, reason: String)
    /// The audio ends well before its header says it should (a cut-off download or copy).
    case truncated(path: String, decodedSeconds: Double, declaredSeconds: Double)
    /// The stream changes its sample rate or channels part-way through.
    case formatChanged(path: String, detail: String)
    /// FFmpeg's libraries, which read every format but Ogg Opus, cannot be opened (not installed).
    case ffmpegUnavailable(reason: String)

    /// Formats `media encode` and `media upload` take through FFmpeg; repeated in every bad-input message.
    public static let acceptedFormats = "MP3, M4A/AAC, AMR-NB/WB, FLAC, Ogg Vorbis, Opus (Ogg or WebM) or WAV"

    public var description: String {
        switch self {
        case let .notMedia(path, reason):
            return "'\(path)' is not an audio file FFmpeg can read (\(reason)); expected \(Self.acceptedFormats)"
        case let .emptyFile(path):
            return "'\(path)' is empty (0 bytes): copy it again from where it was recorded; expected "
                + Self.acceptedFormats
        case let .noAudioStream(path, streams):
            return "'\(path)' has no audio stream (it has \(streams)); expected \(Self.acceptedFormats)"
        case let .protected(path, scheme):
            return "'\(path)' is protected by DRM (\(scheme) encryption) and cannot be decoded; "
                + "export an unprotected copy"
        case let .noDecoder(path, codec):
            return "'\(path)' uses the codec \(codec), which this FFmpeg cannot decode; expected \(Self.acceptedFormats)"
        case let .undecodable(path, reason):
            return "'\(path)' could not be decoded: \(reason); re-export it as \(Self.acceptedFormats)"
        case let .truncated(path, decoded, declared):
            return "'\(path)' is truncated: its audio ends after " + String(format: "%.1f", decoded)
                + " s but its header says " + String(format: "%.1f", declared) + " s; re-copy the complete file"
        case let .formatChanged(path, detail):
            return "'\(path)' changes its audio format part-way through (\(detail)); re-export it as one format"
        case let .ffmpegUnavailable(reason):
            return "FFmpeg's libraries, which read every format but Ogg Opus, cannot be opened (\(reason)); "
                + "install them (Debian: apt install libavformat59 libavcodec59 libswresample4)"
        }
    }
}
