import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("Ogg Opus encode and decode")
struct OpusRoundTripTests {
    /// Encodes mono 48 kHz samples to bytes in memory.
    static func encode(_ samples: [Float], settings: OpusEncoderSettings = OpusEncoderSettings()) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let encoder = try OggOpusEncoder(settings: settings) { bytes.append(contentsOf: $0) }
        try samples.withUnsafeBufferPointer { try encoder.write($0) }
        try encoder.finish()
        return bytes
    }

    @Test("decoded length equals encoded length exactly (granule position minus pre-skip)")
    func exactLength() throws {
        let samples = Signals.sine(frequency: 440, seconds: 1.234, sampleRate: 48_000)
        let bytes = try Self.encode(samples)
        let reader = try OggOpusFileReader(bytes: bytes, path: "memory.opus")
        #expect(reader.frameCount == samples.count)
        #expect(reader.format == .broadcast)
        #expect(reader.preSkip > 0)
        let decoded = try reader.readAll()
        #expect(decoded.count == samples.count)
    }

    @Test("an encoder given no audio still ends its stream (libopusenc 0.2.1 aborts the process on that drain)")
    func noAudio() throws {
        let bytes = try Self.encode([])
        let reader = try OggOpusFileReader(bytes: bytes, path: "empty.opus")
        #expect(reader.frameCount == 1)
        let decoded = try reader.readAll()
        #expect(decoded.count == 1 && abs(decoded[0]) < 0.001, "decoded \(decoded)")
    }

    @Test("an Ogg file of another codec is named as such, not as unrecognised bytes that spell OggS")
    func oggVorbis() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let vorbis = directory.file("nhac.ogg")
        try AudioMeasure.convert(Signals.sine(frequency: 440, seconds: 1, sampleRate: 44_100), sampleRate: 44_100,
                                 to: vorbis, codec: ["-c:a", "libvorbis"])
        #expect {
            try MediaSource.open(path: vorbis)
        } throws: { error in
            "\(error)".hasPrefix("'\(vorbis)' uses an unsupported format: the Ogg stream does not carry Opus audio")
        }
    }

    @Test("the decoded signal keeps the tone's frequency and level")
    func signalSurvives() throws {
        let samples = Signals.sine(frequency: 1_000, seconds: 1, sampleRate: 48_000, amplitude: 0.5)
        let decoded = try OggOpusFileReader(bytes: try Self.encode(samples), path: "m.opus").readAll()
        let middle = Array(decoded[4_800..<43_200])
        let atTone = Signals.power(at: 1_000, in: middle, sampleRate: 48_000)
        let offTone = Signals.power(at: 3_100, in: middle, sampleRate: 48_000)
        #expect(atTone > 1_000 * offTone)
        let rms = sqrt(middle.reduce(0) { $0 + Double($1 * $1) } / Double(middle.count))
        #expect(abs(rms - 0.5 / 2.0.squareRoot()) < 0.05)
    }

    @Test("bitrate setting changes the size roughly in proportion")
    func bitrateMatters() throws {
        let samples = Signals.speechLike(seconds: 4, sampleRate: 48_000, peak: 0.8)
        let low = try Self.encode(samples, settings: OpusEncoderSettings(bitrate: 12_000))
        let high = try Self.encode(samples, settings: OpusEncoderSettings(bitrate: 48_000))
        #expect(Double(high.count) > 2.5 * Double(low.count))
    }

    @Test("a stream cut short is refused as truncated, not decoded shorter")
    func truncatedStream() throws {
        let bytes = try Self.encode(Signals.sine(frequency: 440, seconds: 2, sampleRate: 48_000))
        for cut in [bytes.count - 1, bytes.count / 2, 60] {
            #expect {
                _ = try OggOpusFileReader(bytes: Array(bytes.prefix(cut)), path: "cut.opus")
            } throws: { error in
                guard case .truncated(let path, _) = error as? MediaError else { return false }
                return path == "cut.opus"
            }
        }
    }

    @Test("bytes that are not Ogg are refused as unrecognised with their leading bytes")
    func notOgg() throws {
        let bytes: [UInt8] = Array("ID3\u{3}garbage-garbage-garbage-garbage".utf8)
        #expect(throws: MediaError.unrecognised(path: "x.mp3", leadingBytes: [0x49, 0x44, 0x33, 0x03])) {
            try OggOpusFileReader(bytes: bytes, path: "x.mp3")
        }
    }
}
