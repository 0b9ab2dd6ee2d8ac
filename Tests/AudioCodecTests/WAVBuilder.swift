import Foundation

/// Builds WAV files byte by byte, so tests control every header field, including the wrong ones real tools write.
/// Defaults describe a valid 48 kHz mono 16-bit file; each test changes only what it is about.
struct WAVBuilder: Sendable {
    /// An extra chunk around `fmt ` and `data`, such as LIST metadata or an odd-sized chunk that needs a pad byte.
    struct Chunk: Sendable {
        /// Four ASCII characters.
        var id: String
        /// The body; an odd count makes the builder add the RIFF pad byte.
        var body: [UInt8]
    }

    /// Which optional fields follow the 16 bytes every `fmt ` chunk has.
    enum FormatLayout: Sendable {
        /// The 16-byte `PCMWAVEFORMAT`.
        case minimal
        /// The 18-byte `WAVEFORMATEX` with `cbSize` 0.
        case withExtensionSize
        /// The 40-byte `WAVEFORMATEXTENSIBLE` with a SubFormat GUID built from `subFormat`.
        case extensible(subFormat: UInt32, validBits: UInt16)
        /// As `.extensible`, with a SubFormat GUID given in full.
        case extensibleGUID([UInt8], validBits: UInt16)
    }

    /// The container magic; tests break it to check sniffing.
    var riffID = "RIFF"
    /// The RIFF form type; "AVI " and the like must be refused.
    var waveID = "WAVE"
    /// Overrides the RIFF size field, which many tools get wrong.
    var riffSize: UInt32?
    /// `wFormatTag`: 1 PCM, 3 IEEE float, 0xFFFE extensible, anything else to test rejection.
    var formatTag: UInt16 = 1
    /// `nChannels`.
    var channels: UInt16 = 1
    /// `nSamplesPerSec`.
    var sampleRate: UInt32 = 48_000
    /// `wBitsPerSample`, the container size.
    var bitsPerSample: UInt16 = 16
    /// Overrides the block align; by default `channels * bitsPerSample / 8`.
    var blockAlign: UInt16?
    /// Which optional `fmt ` fields are written.
    var formatLayout = FormatLayout.minimal
    /// Bytes appended to the `fmt ` body beyond its layout, which readers must skip.
    var formatExtraBytes: [UInt8] = []
    /// Leaves the `fmt ` chunk out entirely.
    var includesFormat = true
    /// Chunks between the RIFF header and `fmt `.
    var chunksBeforeFormat: [Chunk] = []
    /// Chunks between `fmt ` and `data`.
    var chunksBeforeData: [Chunk] = []
    /// Chunks after `data`, which must never be read as audio.
    var chunksAfterData: [Chunk] = []
    /// Overrides the `data` size field, e.g. with the streaming markers 0 and 0xFFFFFFFF.
    var dataSize: UInt32?
    /// The `data` chunk's body.
    var audio: [UInt8] = []

    /// The complete file.
    func bytes() -> [UInt8] {
        var chunks: [[UInt8]] = chunksBeforeFormat.map(Self.encode)
        if includesFormat { chunks.append(Self.encode(Chunk(id: "fmt ", body: formatBody()))) }
        chunks += chunksBeforeData.map(Self.encode)
        var data = Array("data".utf8) + Self.le32(dataSize ?? UInt32(audio.count)) + audio
        if audio.count % 2 == 1 { data.append(0) }
        chunks.append(data)
        chunks += chunksAfterData.map(Self.encode)
        let body = Array(waveID.utf8) + chunks.joined()
        return Array(riffID.utf8) + Self.le32(riffSize ?? UInt32(body.count)) + body
    }

    /// A copy with `change` applied, so test tables can say only what differs from a base file.
    func with(_ change: (inout WAVBuilder) -> Void) -> WAVBuilder {
        var copy = self
        change(&copy)
        return copy
    }

    /// The `fmt ` body as `formatLayout` and the fields describe it.
    private func formatBody() -> [UInt8] {
        let align = blockAlign ?? channels * bitsPerSample / 8
        var body = Self.le16(formatTag) + Self.le16(channels) + Self.le32(sampleRate)
            + Self.le32(sampleRate * UInt32(align)) + Self.le16(align) + Self.le16(bitsPerSample)
        switch formatLayout {
        case .minimal:
            break
        case .withExtensionSize:
            body += Self.le16(0)
        case let .extensible(subFormat, validBits):
            let tail: [UInt8] = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
            body += Self.le16(22) + Self.le16(validBits) + Self.le32(channels == 1 ? 0x4 : 0x3)
                + Self.le32(subFormat) + tail
        case let .extensibleGUID(guid, validBits):
            body += Self.le16(22) + Self.le16(validBits) + Self.le32(0) + guid
        }
        return body + formatExtraBytes
    }

    /// A chunk with its header and, for an odd body, the RIFF pad byte.
    private static func encode(_ chunk: Chunk) -> [UInt8] {
        var bytes = Array(chunk.id.utf8) + le32(UInt32(chunk.body.count)) + chunk.body
        if chunk.body.count % 2 == 1 { bytes.append(0) }
        return bytes
    }

    /// A 16-bit field as RIFF stores it.
    static func le16(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    /// A 32-bit field as RIFF stores it.
    static func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) }
    }

    /// 8-bit unsigned samples are stored as they are.
    static func u8(_ samples: [UInt8]) -> [UInt8] { samples }

    /// 16-bit signed samples, little-endian.
    static func s16(_ samples: [Int16]) -> [UInt8] {
        samples.flatMap { le16(UInt16(bitPattern: $0)) }
    }

    /// Samples must lie in the 24-bit range.
    static func s24(_ samples: [Int32]) -> [UInt8] {
        samples.flatMap { Array(le32(UInt32(bitPattern: $0)).prefix(3)) }
    }

    /// 32-bit signed samples, little-endian.
    static func s32(_ samples: [Int32]) -> [UInt8] {
        samples.flatMap { le32(UInt32(bitPattern: $0)) }
    }

    /// 32-bit IEEE float samples, little-endian.
    static func f32(_ samples: [Float]) -> [UInt8] {
        samples.flatMap { le32($0.bitPattern) }
    }
}

/// A fresh directory for one test's files, removed when the test's suite instance goes away.
final class TemporaryFiles {
    /// The directory; it exists for as long as this object does.
    let directory: URL

    /// Creates the directory under the system's temporary directory with a unique name.
    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wav-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `bytes` to a new file and returns its path.
    func write(_ bytes: [UInt8], name: String = "input.wav") throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
