import AudioCodec
import Testing

/// The pure header parser and the content sniffer, on bytes in memory.
@Suite("WAV header")
struct WAVHeaderTests {
    /// A stereo 16-bit file with metadata before the audio and a chunk after it.
    static let builder = WAVBuilder(
        channels: 2, sampleRate: 44_100,
        chunksBeforeData: [.init(id: "LIST", body: [UInt8](repeating: 7, count: 21))],
        chunksAfterData: [.init(id: "cue ", body: [0, 0, 0, 0])],
        audio: WAVBuilder.s16([Int16](repeating: 3, count: 20))
    )

    @Test("Parses from bytes in memory, giving where the audio starts and how long it is")
    func parsesWholeFile() throws {
        let bytes = Self.builder.bytes()
        let header = try WAVHeader.parse(bytes, fileSize: bytes.count, path: "alert.wav")
        #expect(header == WAVHeader(
            encoding: .signed16, format: AudioFormat(sampleRate: 44_100, channels: 2), isExtensible: false,
            validBitsPerSample: 16, blockAlign: 4, dataOffset: 12 + 24 + 30 + 8, frameCount: 10
        ))
        #expect(header.dataByteCount == 40)
        #expect(header.seconds == 10.0 / 44_100)
    }

    @Test("Needs only the bytes up to the data chunk header")
    func parsesPrefix() throws {
        let bytes = Self.builder.bytes()
        let prefix = Array(bytes.prefix(12 + 24 + 30 + 8))
        let header = try WAVHeader.parse(prefix, fileSize: bytes.count, path: "alert.wav")
        #expect(header.frameCount == 10)
    }

    @Test("Says so when a prefix is too short to reach the audio")
    func prefixTooShort() {
        let bytes = Self.builder.bytes()
        let error = #expect(throws: MediaError.self) {
            try WAVHeader.parse(Array(bytes.prefix(50)), fileSize: bytes.count, path: "alert.wav")
        }
        #expect(error.map { ErrorKind($0) } == .unsupportedFormat)
        #expect(error?.description.contains("first 50 bytes") == true)
    }

    @Test("Sniffs RIFF/WAVE by content")
    func sniffs() {
        #expect(WAVHeader.sniff(Self.builder.bytes()))
        #expect(WAVHeader.sniff(Self.builder.bytes().prefix(12)))
        #expect(!WAVHeader.sniff(Self.builder.bytes().prefix(11)))
        #expect(!WAVHeader.sniff(Self.builder.with { $0.waveID = "AVI " }.bytes()))
        #expect(!WAVHeader.sniff(Array("OggS\0\u{2}\0\0\0\0\0\0".utf8)))
        #expect(!WAVHeader.sniff([]))
    }
}
