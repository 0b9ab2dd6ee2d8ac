import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("BroadcastReady: files our pipeline made with a site's settings are stored as they are")
struct BroadcastReadyTests {
    /// Encodes a speech-like signal with `options` through the real pipeline and returns the file's bytes.
    static func pipelineOutput(_ directory: TemporaryDirectory, options: EncodeOptions) throws -> [UInt8] {
        let wav = directory.file("in-\(UUID().uuidString).wav")
        try WAVWriter.write(Signals.speechLike(seconds: 2, sampleRate: 16_000, peak: 0.4), to: wav, sampleRate: 16_000)
        let output = directory.file("out-\(UUID().uuidString).opus")
        _ = try MediaEncoder.encode(input: wav, output: output, options: options)
        return try MediaFile.readAll(path: output)
    }

    @Test("our output with the same settings is ready: its SHA-256, exact duration and loudness come back")
    func ready() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes = try Self.pipelineOutput(directory, options: EncodeOptions())
        let media = try #require(try BroadcastReady.check(bytes: bytes, path: "x.opus", options: EncodeOptions()))
        #expect(media.sha256 == FileDigest.sha256(bytes))
        #expect(media.bytes == bytes.count)
        #expect(abs(media.durationSeconds - 2) < 0.001)
        #expect(abs((media.loudnessLUFS ?? 0) - -16) < 1)
    }

    @Test("other settings, another encoder, or not Ogg at all: not ready, so the site re-encodes")
    func notReady() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var quieter = EncodeOptions()
        quieter.targetLUFS = -18
        let bytes = try Self.pipelineOutput(directory, options: quieter)
        #expect(try BroadcastReady.check(bytes: bytes, path: "x.opus", options: EncodeOptions()) == nil)
        #expect(try BroadcastReady.check(bytes: bytes, path: "x.opus", options: quieter) != nil)

        let plain = try OpusRoundTripTests.encode(Signals.sine(frequency: 440, seconds: 1, sampleRate: 48_000))
        #expect(try BroadcastReady.check(bytes: plain, path: "plain.opus", options: EncodeOptions()) == nil)
        let wav = WAVWriter.bytes(Signals.sine(frequency: 440, seconds: 0.1, sampleRate: 8_000), sampleRate: 8_000, channels: 1)
        #expect(try BroadcastReady.check(bytes: wav, path: "a.wav", options: EncodeOptions()) == nil)
    }

    @Test("a damaged stream that claims to be ours is refused, not stored")
    func damaged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes = try Self.pipelineOutput(directory, options: EncodeOptions())
        #expect(throws: MediaError.self) {
            try BroadcastReady.check(bytes: Array(bytes.prefix(bytes.count - 100)), path: "cut.opus",
                                     options: EncodeOptions())
        }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        let error = #expect(throws: MediaError.self) {
            try BroadcastReady.check(bytes: flipped, path: "flipped.opus", options: EncodeOptions())
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("CRC"))
        // Two of our files joined with cat: whole pages, good CRCs and our tags, but it would not play through.
        let joined = #expect(throws: MediaError.self) {
            try BroadcastReady.check(bytes: bytes + bytes, path: "joined.opus", options: EncodeOptions())
        }
        #expect("\(joined.map { "\($0)" } ?? "")".contains("same serial number"))
    }

    @Test("closing a reader twice is harmless")
    func closeTwice() throws {
        let bytes = try OpusRoundTripTests.encode(Signals.sine(frequency: 440, seconds: 0.2, sampleRate: 48_000))
        let reader = try OggOpusFileReader(bytes: bytes, path: "memory.opus")
        reader.close()
        reader.close()
        var buffer = [Float](repeating: 0, count: 960)
        #expect(try buffer.withUnsafeMutableBufferPointer { try reader.read(into: $0) } == 0)
    }
}
