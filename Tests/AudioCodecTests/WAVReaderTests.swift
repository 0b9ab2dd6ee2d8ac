import AudioCodec
import Foundation
import Testing

/// The WAV reader end to end: hand-built files on disk, opened and streamed through `WAVFileReader`.
@Suite("WAV reader")
final class WAVReaderTests {
    /// Where each test writes its files; removed with the suite instance.
    let files = TemporaryFiles()

    /// One file in an accepted format and what must come out of it.
    struct Accepted: Sendable, CustomTestStringConvertible {
        /// Shown in the test report.
        let testDescription: String
        /// The file.
        let builder: WAVBuilder
        /// Expected header, apart from `dataOffset` and `frameCount`, which follow from the builder.
        let encoding: SampleEncoding
        /// Expected `isExtensible`.
        let isExtensible: Bool
        /// Expected `validBitsPerSample`.
        let validBits: Int
        /// Expected samples, interleaved.
        let samples: [Float]
    }

    /// Every accepted encoding and `fmt ` layout, with values chosen so conversion must be exact.
    static let accepted: [Accepted] = [
        Accepted(
            testDescription: "8-bit unsigned mono 8 kHz",
            builder: WAVBuilder(sampleRate: 8_000, bitsPerSample: 8, audio: WAVBuilder.u8([0, 64, 128, 255])),
            encoding: .unsigned8, isExtensible: false, validBits: 8,
            samples: [-1, -0.5, 0, 127.0 / 128]
        ),
        Accepted(
            testDescription: "16-bit stereo 44.1 kHz",
            builder: WAVBuilder(
                channels: 2, sampleRate: 44_100, audio: WAVBuilder.s16([-32_768, 32_767, 0, 16_384])
            ),
            encoding: .signed16, isExtensible: false, validBits: 16,
            samples: [-1, 32_767.0 / 32_768, 0, 0.5]
        ),
        Accepted(
            testDescription: "24-bit mono 192 kHz",
            builder: WAVBuilder(
                sampleRate: 192_000, bitsPerSample: 24,
                audio: WAVBuilder.s24([-8_388_608, 8_388_607, 0, -4_194_304, 1])
            ),
            encoding: .signed24, isExtensible: false, validBits: 24,
            samples: [-1, 8_388_607.0 / 8_388_608, 0, -0.5, 1.0 / 8_388_608]
        ),
        Accepted(
            testDescription: "32-bit signed stereo",
            builder: WAVBuilder(
                channels: 2, bitsPerSample: 32, audio: WAVBuilder.s32([.min, .max, 0, 1 << 30])
            ),
            encoding: .signed32, isExtensible: false, validBits: 32,
            samples: [-1, 1, 0, 0.5]
        ),
        Accepted(
            testDescription: "32-bit float mono",
            builder: WAVBuilder(
                formatTag: 3, sampleRate: 22_050, bitsPerSample: 32, audio: WAVBuilder.f32([-1, 0.25, 1, -0.125])
            ),
            encoding: .float32, isExtensible: false, validBits: 32,
            samples: [-1, 0.25, 1, -0.125]
        ),
        Accepted(
            testDescription: "fmt of 18 bytes (WAVEFORMATEX)",
            builder: WAVBuilder(formatLayout: .withExtensionSize, audio: WAVBuilder.s16([1_024, -1_024])),
            encoding: .signed16, isExtensible: false, validBits: 16,
            samples: [1.0 / 32, -1.0 / 32]
        ),
        Accepted(
            testDescription: "fmt larger than needed, extra bytes ignored",
            builder: WAVBuilder(formatExtraBytes: [9, 9, 9, 9], audio: WAVBuilder.s16([8_192])),
            encoding: .signed16, isExtensible: false, validBits: 16,
            samples: [0.25]
        ),
        Accepted(
            testDescription: "extensible 24-bit PCM stereo, 20 valid bits",
            builder: WAVBuilder(
                formatTag: 0xFFFE, channels: 2, bitsPerSample: 24,
                formatLayout: .extensible(subFormat: 1, validBits: 20),
                audio: WAVBuilder.s24([4_194_304, -4_194_304, 16, -8_388_608])
            ),
            encoding: .signed24, isExtensible: true, validBits: 20,
            samples: [0.5, -0.5, 16.0 / 8_388_608, -1]
        ),
        Accepted(
            testDescription: "extensible 16-bit PCM mono, valid bits left 0",
            builder: WAVBuilder(
                formatTag: 0xFFFE, formatLayout: .extensible(subFormat: 1, validBits: 0),
                audio: WAVBuilder.s16([-16_384])
            ),
            encoding: .signed16, isExtensible: true, validBits: 16,
            samples: [-0.5]
        ),
        Accepted(
            testDescription: "extensible float stereo 96 kHz, fmt of 44 bytes",
            builder: WAVBuilder(
                formatTag: 0xFFFE, channels: 2, sampleRate: 96_000, bitsPerSample: 32,
                formatLayout: .extensible(subFormat: 3, validBits: 32), formatExtraBytes: [0, 0, 0, 0],
                audio: WAVBuilder.f32([0.5, -0.75])
            ),
            encoding: .float32, isExtensible: true, validBits: 32,
            samples: [0.5, -0.75]
        ),
    ]

    @Test("Accepts and converts exactly", arguments: accepted)
    func acceptsFormat(_ example: Accepted) throws {
        let bytes = example.builder.bytes()
        let reader = try WAVFileReader(path: files.write(bytes))
        let channels = Int(example.builder.channels)
        let blockAlign = channels * example.encoding.bytesPerSample
        let expected = WAVHeader(
            encoding: example.encoding,
            format: AudioFormat(sampleRate: Int(example.builder.sampleRate), channels: channels),
            isExtensible: example.isExtensible, validBitsPerSample: example.validBits, blockAlign: blockAlign,
            dataOffset: bytes.count - example.builder.audio.count - example.builder.audio.count % 2,
            frameCount: example.samples.count / channels
        )
        #expect(reader.header == expected)
        #expect(reader.format == expected.format)
        #expect(reader.frameCount == expected.frameCount)
        #expect(try reader.readAll() == example.samples)
    }

    @Test("Skips LIST, JUNK and odd-sized chunks with their pad bytes before fmt and data")
    func skipsChunks() throws {
        let builder = WAVBuilder(
            chunksBeforeFormat: [.init(id: "JUNK", body: [1, 2, 3])],
            chunksBeforeData: [
                .init(id: "LIST", body: Array("INFOINAM\u{5}\0\0\0Alert\0".utf8)),
                .init(id: "bext", body: [0xFF]),
            ],
            audio: WAVBuilder.s16([16_384, -8_192])
        )
        let bytes = builder.bytes()
        let reader = try WAVFileReader(path: files.write(bytes))
        #expect(reader.header.dataOffset == bytes.count - 4)
        #expect(try reader.readAll() == [0.5, -0.25])
    }

    @Test("Stops at the end of the data chunk, so a trailing chunk is never played", arguments: [1, 4, 4096])
    func stopsAtEndOfData(bufferFrames: Int) throws {
        let builder = WAVBuilder(
            bitsPerSample: 8,
            chunksAfterData: [.init(id: "LIST", body: [UInt8](repeating: 0xFF, count: 64))],
            audio: WAVBuilder.u8([128, 192, 64])
        )
        let reader = try WAVFileReader(path: files.write(builder.bytes()))
        #expect(reader.frameCount == 3)
        #expect(try reader.readAll(chunkFrames: bufferFrames) == [0, 0.5, -0.5])
        var spare = [Float](repeating: 0, count: 8)
        #expect(try spare.withUnsafeMutableBufferPointer { try reader.read(into: $0) } == 0)
    }

    @Test("Streaming markers 0 and 0xFFFFFFFF read to the end, ignoring a partial last frame",
          arguments: [UInt32(0), 0xFFFF_FFFF])
    func streamingDataSize(marker: UInt32) throws {
        let builder = WAVBuilder(
            channels: 2, dataSize: marker, audio: WAVBuilder.s16([16_384, -16_384, 8_192, -8_192, 4_096])
        )
        let reader = try WAVFileReader(path: files.write(builder.bytes()))
        #expect(reader.frameCount == 2)
        #expect(try reader.readAll() == [0.5, -0.5, 0.25, -0.25])
    }

    @Test("A wrong RIFF size alone is no reason to reject", arguments: [UInt32(0), 12, 0xFFFF_FFFF])
    func ignoresRIFFSize(riffSize: UInt32) throws {
        let builder = WAVBuilder(riffSize: riffSize, audio: WAVBuilder.s16([-32_768]))
        let reader = try WAVFileReader(path: files.write(builder.bytes()))
        #expect(try reader.readAll() == [-1])
    }

    @Test("A data chunk shorter than the file reads only what it claims, whole frames only")
    func honoursDataSize() throws {
        var bytes = WAVBuilder(channels: 2, dataSize: 10, audio: WAVBuilder.s16([16_384, 16_384, 0, 0, 1]))
            .bytes()
        bytes += [0xAA, 0xBB, 0xCC, 0xDD]
        let reader = try WAVFileReader(path: files.write(bytes))
        #expect(reader.frameCount == 2)
        #expect(try reader.readAll() == [0.5, 0.5, 0, 0])
    }

    @Test("Streams across staging-buffer boundaries without losing or repeating frames", arguments: [997, 65_536])
    func streamsLargeFile(bufferFrames: Int) throws {
        let frames = 100_000
        let values = (0..<(frames * 2)).map { Int32(($0 * 7_919) % 16_777_216) - 8_388_608 }
        let builder = WAVBuilder(
            channels: 2, bitsPerSample: 24,
            chunksBeforeData: [.init(id: "JUNK", body: [UInt8](repeating: 0, count: 3))],
            chunksAfterData: [.init(id: "LIST", body: [1, 2, 3, 4])],
            audio: WAVBuilder.s24(values)
        )
        let reader = try WAVFileReader(path: files.write(builder.bytes()))
        #expect(reader.frameCount == frames)
        let samples = try reader.readAll(chunkFrames: bufferFrames)
        #expect(samples == values.map { Float($0) / 8_388_608 })
    }

    @Test("Large metadata before the audio is skipped without being read")
    func skipsLargeMetadata() throws {
        let builder = WAVBuilder(
            chunksBeforeData: [.init(id: "id3 ", body: [UInt8](repeating: 0x55, count: 3 << 20))],
            audio: WAVBuilder.s16([8_192])
        )
        let reader = try WAVFileReader(path: files.write(builder.bytes()))
        #expect(try reader.readAll() == [0.25])
    }

    @Test("Reading after close() is refused")
    func readAfterClose() throws {
        let path = try files.write(WAVBuilder(audio: WAVBuilder.s16([1, 2])).bytes())
        let reader = try WAVFileReader(path: path)
        reader.close()
        reader.close()
        let error = #expect(throws: MediaError.self) { try reader.readAll() }
        #expect(error.map { ErrorKind($0) } == .unreadable)
        #expect(error?.description.contains(path) == true)
    }

    @Test("A file that shrinks while being read is reported as truncated")
    func fileShrinks() throws {
        let frames = 200_000
        let builder = WAVBuilder(audio: WAVBuilder.s16([Int16](repeating: 100, count: frames)))
        let path = try files.write(builder.bytes())
        let reader = try WAVFileReader(path: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100_000)
        try handle.close()
        let error = #expect(throws: MediaError.self) { try reader.readAll() }
        #expect(error.map { ErrorKind($0) } == .truncated)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("shrank") == true)
    }
}
