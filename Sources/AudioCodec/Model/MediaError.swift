/// Everything that can go wrong reading, converting or writing media, phrased so a commune operator can act on it:
/// each message names the file, says what is wrong and, for bad input, what would be accepted.
public enum MediaError: Error, Equatable, CustomStringConvertible {
    /// The input could not be opened or read at all (missing, a directory, no permission).
    case unreadable(path: String, reason: String)
    /// The first bytes are neither RIFF/WAVE nor an Ogg Opus stream.
    case unrecognised(path: String, leadingBytes: [UInt8])
    /// The container was recognised but ends before its headers or data say it should.
    case truncated(path: String, detail: String)
    /// The container is fine but its sample format, rate or channel layout is one we do not take.
    case unsupportedFormat(path: String, detail: String)
    /// The file decodes to no audio at all.
    case empty(path: String)
    /// The file is longer than we accept for one announcement.
    case tooLong(path: String, seconds: Double, limitSeconds: Double)
    /// Encoding the file would need more memory than `EncodeOptions.maxSignalMemoryBytes` allows.
    case needsTooMuchMemory(path: String, seconds: Double, neededBytes: Int, limitBytes: Int)
    /// The container is damaged in a way other than truncation (bad headers, corrupt packets).
    case corrupt(path: String, detail: String)
    /// The output cannot be written where asked.
    case outputUnwritable(path: String, reason: String)
    /// The output exists and the caller did not ask to replace it.
    case outputExists(path: String)
    /// A C library failed in a way that is not the input's fault.
    case library(function: String, code: Int32, message: String)

    /// Formats `media encode` and `UploadMedia` accept; repeated in every bad-input message.
    public static let acceptedFormats =
        "WAV (8-bit unsigned, 16/24/32-bit signed or 32-bit float PCM, mono or stereo, 8-192 kHz) or Ogg Opus"

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read '\(path)': \(reason)"
        case let .unrecognised(path, bytes):
            let hex = bytes.prefix(4).map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }
                .joined(separator: " ")
            let shown = bytes.isEmpty ? "is empty" : "starts with bytes \(hex)"
            return "'\(path)' is not a WAV or Ogg Opus file (it \(shown)); expected \(Self.acceptedFormats)"
        case let .truncated(path, detail):
            return "'\(path)' is truncated: \(detail); re-export or re-copy the complete file"
        case let .unsupportedFormat(path, detail):
            return "'\(path)' uses an unsupported format: \(detail); expected \(Self.acceptedFormats)"
        case let .empty(path):
            return "'\(path)' contains no audio (zero samples); expected at least one sample of \(Self.acceptedFormats)"
        case let .tooLong(path, seconds, limit):
            return "'\(path)' is too long: \(Self.spoken(seconds)); the limit for one announcement is "
                + "\(Self.spoken(limit)); split it into shorter parts"
        case let .needsTooMuchMemory(path, seconds, needed, limit):
            return Self.tooMuchMemory(path: path, seconds: seconds, neededBytes: needed, limitBytes: limit,
                                      remedy: "encode it on a machine with more memory")
        case let .corrupt(path, detail):
            return "'\(path)' is damaged: \(detail); expected \(Self.acceptedFormats)"
        case let .outputUnwritable(path, reason):
            return "cannot write '\(path)': \(reason)"
        case let .outputExists(path):
            return "'\(path)' already exists; pass --force to replace it"
        case let .library(function, code, message):
            return "\(function) failed (\(code)): \(message)"
        }
    }
}

extension MediaError {
    /// Two Ogg Opus streams with one serial number, one after the other: two files joined with `cat`.
    static func joinedStreams(path: String) -> MediaError {
        .unsupportedFormat(path: path, detail: "two Ogg Opus streams with the same serial number are joined end to "
                           + "end (as 'cat a.opus b.opus' makes); encode each file on its own")
    }

    /// The message of `needsTooMuchMemory`, with what the reader can do about it besides splitting the file.
    public static func tooMuchMemory(
        path: String, seconds: Double, neededBytes: Int, limitBytes: Int, remedy: String
    ) -> String {
        "'\(path)' is too long to encode here: \(spoken(seconds)) of audio needs about \(megabytes(neededBytes)) "
            + "while it is encoded, and this machine allows \(megabytes(limitBytes)); \(remedy), or split it into "
            + "shorter parts"
    }

    /// "920 MB", in millions of bytes as `free` and `df -H` print them.
    static func megabytes(_ bytes: Int) -> String { "\((bytes + 500_000) / 1_000_000) MB" }

    /// "2 h 0 min 5 s", dropping zero trailing parts: "2 h".
    static func spoken(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let parts = [(total / 3_600, "h"), ((total / 60) % 60, "min"), (total % 60, "s")]
        let last = parts.lastIndex { $0.0 != 0 } ?? 2
        let first = parts.firstIndex { $0.0 != 0 } ?? 2
        return parts[first...last].map { "\($0.0) \($0.1)" }.joined(separator: " ")
    }
}

extension String {
    /// Left-pads with zeros, for hex bytes in messages.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
