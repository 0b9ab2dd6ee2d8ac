import AudioCodec
import Foundation
import Testing

/// Which `MediaError` case was thrown, so tables of rejections can name the expected case without its payload.
enum ErrorKind: Sendable, Equatable {
    case unreadable, unrecognised, truncated, unsupportedFormat, empty, corrupt, other

    /// The case of `error`.
    init(_ error: MediaError) {
        switch error {
        case .unreadable: self = .unreadable
        case .unrecognised: self = .unrecognised
        case .truncated: self = .truncated
        case .unsupportedFormat: self = .unsupportedFormat
        case .empty: self = .empty
        case .corrupt: self = .corrupt
        default: self = .other
        }
    }
}

/// Every way a file is refused: the right `MediaError` case, and a message that names the file and the problem.
@Suite("WAV rejections")
final class WAVRejectionTests {
    /// Where each test writes its files; removed with the suite instance.
    let files = TemporaryFiles()

    /// One refused file.
    struct Rejection: Sendable, CustomTestStringConvertible {
        /// Shown in the test report.
        let testDescription: String
        /// The whole file.
        let bytes: [UInt8]
        /// The case that must be thrown.
        let kind: ErrorKind
        /// Text the message must contain, so the operator learns what exactly is wrong.
        let detail: String
    }

    /// A valid 16-bit mono file that each rejection breaks in one way.
    static let valid = WAVBuilder(audio: WAVBuilder.s16([1, 2, 3, 4]))

    /// Every rejection the reader makes.
    static let rejections: [Rejection] = [
        Rejection(
            testDescription: "not RIFF (an MP3 with an ID3 tag)",
            bytes: Array("ID3\u{3}\0\0\0\0\0\0\0\0\0\0".utf8), kind: .unrecognised, detail: "49 44 33 03"
        ),
        Rejection(testDescription: "empty file", bytes: [], kind: .unrecognised, detail: "is empty"),
        Rejection(
            testDescription: "RIFF but not WAVE (AVI)",
            bytes: valid.with { $0.waveID = "AVI " }.bytes(), kind: .unrecognised, detail: "52 49 46 46"
        ),
        Rejection(
            testDescription: "ends inside the RIFF header",
            bytes: Array(valid.bytes().prefix(10)), kind: .truncated, detail: "10 bytes"
        ),
        Rejection(
            testDescription: "ends inside the fmt chunk",
            bytes: Array(valid.bytes().prefix(30)), kind: .truncated, detail: "'fmt ' chunk"
        ),
        Rejection(
            testDescription: "ends after fmt, before data",
            bytes: Array(valid.bytes().prefix(36)), kind: .truncated, detail: "before any 'data' chunk"
        ),
        Rejection(
            testDescription: "ends inside a chunk before data",
            bytes: Array(
                valid.with { $0.chunksBeforeData = [.init(id: "LIST", body: [UInt8](repeating: 1, count: 40))] }
                    .bytes().prefix(60)
            ),
            kind: .truncated, detail: "'LIST' chunk at byte 36 claims 40 bytes"
        ),
        Rejection(
            testDescription: "data size larger than the file",
            bytes: valid.with { $0.dataSize = 1_000 }.bytes(), kind: .truncated,
            detail: "claims 1000 bytes of audio, but only 8 are present"
        ),
        Rejection(
            testDescription: "12-bit PCM",
            bytes: valid.with { $0.bitsPerSample = 12; $0.blockAlign = 2 }.bytes(), kind: .unsupportedFormat,
            detail: "12-bit PCM"
        ),
        Rejection(
            testDescription: "A-law",
            bytes: valid.with { $0.formatTag = 6; $0.bitsPerSample = 8 }.bytes(), kind: .unsupportedFormat,
            detail: "format tag 0x0006 (A-law)"
        ),
        Rejection(
            testDescription: "MP3 in WAV",
            bytes: valid.with { $0.formatTag = 0x55 }.bytes(), kind: .unsupportedFormat,
            detail: "format tag 0x0055 (MP3)"
        ),
        Rejection(
            testDescription: "unknown format tag",
            bytes: valid.with { $0.formatTag = 0x1234 }.bytes(), kind: .unsupportedFormat,
            detail: "format tag 0x1234"
        ),
        Rejection(
            testDescription: "64-bit float",
            bytes: valid.with { $0.formatTag = 3; $0.bitsPerSample = 64 }.bytes(), kind: .unsupportedFormat,
            detail: "64-bit float"
        ),
        Rejection(
            testDescription: "extensible with an A-law sub-format",
            bytes: valid.with {
                $0.formatTag = 0xFFFE; $0.bitsPerSample = 8; $0.formatLayout = .extensible(subFormat: 6, validBits: 8)
            }.bytes(),
            kind: .unsupportedFormat, detail: "extensible sub-format 0x0006 (A-law)"
        ),
        Rejection(
            testDescription: "extensible with a foreign sub-format GUID",
            bytes: valid.with {
                $0.formatTag = 0xFFFE
                $0.formatLayout = .extensibleGUID(Array(0..<16), validBits: 16)
            }.bytes(),
            kind: .unsupportedFormat, detail: "GUID 03020100-0504-0706-0809-0a0b0c0d0e0f"
        ),
        Rejection(
            testDescription: "extensible with more valid bits than the container",
            bytes: valid.with {
                $0.formatTag = 0xFFFE; $0.formatLayout = .extensible(subFormat: 1, validBits: 24)
            }.bytes(),
            kind: .corrupt, detail: "24 of each sample's 16 bits"
        ),
        Rejection(
            testDescription: "extensible tag in an 18-byte fmt",
            bytes: valid.with { $0.formatTag = 0xFFFE; $0.formatLayout = .withExtensionSize }.bytes(),
            kind: .corrupt, detail: "WAVE_FORMAT_EXTENSIBLE (0xFFFE) but is 18 bytes"
        ),
        Rejection(
            testDescription: "3 channels",
            bytes: valid.with { $0.channels = 3 }.bytes(), kind: .unsupportedFormat,
            detail: "3 channels; only mono or stereo are accepted"
        ),
        Rejection(
            testDescription: "6 channels, extensible",
            bytes: valid.with {
                $0.channels = 6; $0.formatTag = 0xFFFE; $0.formatLayout = .extensible(subFormat: 1, validBits: 16)
            }.bytes(),
            kind: .unsupportedFormat, detail: "6 channels; only mono or stereo are accepted"
        ),
        Rejection(
            testDescription: "0 channels",
            bytes: valid.with { $0.channels = 0; $0.blockAlign = 2 }.bytes(), kind: .corrupt, detail: "0 channels"
        ),
        Rejection(
            testDescription: "4 kHz",
            bytes: valid.with { $0.sampleRate = 4_000 }.bytes(), kind: .unsupportedFormat,
            detail: "sample rate 4000 Hz; only 8000 to 192000 Hz"
        ),
        Rejection(
            testDescription: "384 kHz",
            bytes: valid.with { $0.sampleRate = 384_000 }.bytes(), kind: .unsupportedFormat,
            detail: "sample rate 384000 Hz"
        ),
        Rejection(
            testDescription: "block align inconsistent with channels and sample size",
            bytes: valid.with { $0.channels = 2; $0.blockAlign = 2 }.bytes(), kind: .corrupt,
            detail: "block align of 2 bytes, but 2 channel(s) of 16-bit signed PCM need 4"
        ),
        Rejection(
            testDescription: "fmt chunk shorter than 16 bytes",
            bytes: Array("RIFF\u{1A}\0\0\0WAVEfmt \u{E}\0\0\0".utf8) + [UInt8](repeating: 1, count: 14),
            kind: .corrupt, detail: "'fmt ' chunk is 14 bytes"
        ),
        Rejection(
            testDescription: "no fmt before data",
            bytes: valid.with { $0.includesFormat = false }.bytes(), kind: .corrupt,
            detail: "comes before any 'fmt ' chunk"
        ),
        Rejection(
            testDescription: "zero frames, data size 0 and nothing after",
            bytes: valid.with { $0.audio = [] }.bytes(), kind: .empty, detail: "no audio"
        ),
        Rejection(
            testDescription: "zero frames, less than one whole frame",
            bytes: valid.with { $0.channels = 2; $0.audio = [1, 2] }.bytes(), kind: .empty, detail: "no audio"
        ),
    ]

    @Test("Refuses with the right case and a message naming the file", arguments: rejections)
    func rejects(_ rejection: Rejection) throws {
        let path = try files.write(rejection.bytes)
        let error = #expect(throws: MediaError.self) { try WAVFileReader(path: path) }
        #expect(error.map { ErrorKind($0) } == rejection.kind)
        #expect(error?.description.contains("'\(path)'") == true)
        #expect(error?.description.contains(rejection.detail) == true, "\(String(describing: error))")
    }

    @Test("The pure parser refuses the same bytes in the same way", arguments: rejections)
    func parserRejects(_ rejection: Rejection) {
        let error = #expect(throws: MediaError.self) {
            try WAVHeader.parse(rejection.bytes, fileSize: rejection.bytes.count, path: "bao-lu.wav")
        }
        #expect(error.map { ErrorKind($0) } == rejection.kind)
        #expect(error?.description.contains("'bao-lu.wav'") == true)
    }

    @Test("A missing file is unreadable, with the system's reason")
    func missingFile() {
        let path = files.directory.appendingPathComponent("nowhere.wav").path
        let error = #expect(throws: MediaError.self) { try WAVFileReader(path: path) }
        #expect(error == .unreadable(path: path, reason: "No such file or directory"))
        #expect(error?.description.contains(path) == true)
    }

    @Test("A directory is unreadable and says so")
    func directory() {
        let path = files.directory.path
        let error = #expect(throws: MediaError.self) { try WAVFileReader(path: path) }
        #expect(error == .unreadable(path: path, reason: "is a directory"))
        #expect(error?.description.contains(path) == true)
    }
}
