import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

/// Our reader decodes single-stream links with libopus's plain decoder on libopusfile's behalf (a fifth less CPU
/// than libopusfile's multistream decoder on Debian's libopus): it must decode exactly what opus-tools decode.
@Suite("Ogg Opus decoding against opus-tools")
struct OpusDecoderTests {
    /// `opusdec --float` of `path`, as interleaved floats.
    static func opusdec(_ path: String, in directory: TemporaryDirectory) throws -> [Float] {
        let wav = directory.file("opusdec.wav")
        let raw = directory.file("opusdec.f32")
        let decoded = try ProcessRunner.run("opusdec", ["--quiet", "--float", path, wav])
        #expect(decoded.status == 0, "opusdec: \(decoded.standardError)")
        #expect(try ProcessRunner.run("sox", [wav, "-t", "f32", raw]).status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: raw))
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    static func largestDifference(_ one: [Float], _ other: [Float]) -> Float {
        zip(one, other).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    @Test("our mono files and opusenc's stereo files decode as opusdec decodes them")
    func matchesOpusdec() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mono = try MediaFixtures.encode(Signals.speechLike(seconds: 3, sampleRate: 48_000, peak: 0.5),
                                            at: directory.file("mono.opus"))
        let wav = directory.file("stereo.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 2, sampleRate: 48_000, channels: 2), to: wav,
                            sampleRate: 48_000, channels: 2)
        let stereo = directory.file("stereo.opus")
        #expect(try ProcessRunner.run("opusenc", ["--quiet", wav, stereo]).status == 0)
        for (path, channels) in [(mono, 1), (stereo, 2)] {
            let reader = try OggOpusFileReader(path: path)
            #expect(reader.format.channels == channels)
            let ours = try reader.readAll(chunkFrames: 960)
            let theirs = try Self.opusdec(path, in: directory)
            #expect(ours.count == theirs.count)
            #expect(Self.largestDifference(ours, theirs) < 1e-6, "\(path)")
        }
    }

    @Test("reading after a seek back equals what a fresh reader decodes from the same point")
    func seekResets() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try MediaFixtures.encode(Signals.speechLike(seconds: 3, sampleRate: 48_000, peak: 0.5),
                                            at: directory.file("speech.opus"))
        let fresh = try OggOpusFileReader(path: path)
        try fresh.seek(toFrame: 48_000)
        let expected = try fresh.readAll(chunkFrames: 960)

        let reused = try OggOpusFileReader(path: path)
        var chunk = [Float](repeating: 0, count: 960)
        for _ in 0..<100 { _ = try chunk.withUnsafeMutableBufferPointer { try reused.read(into: $0) } }
        try reused.seek(toFrame: 48_000)
        #expect(try reused.readAll(chunkFrames: 960) == expected)
        // Decoded from a fresh state, the stretch after the seek point is close to the continuous decode.
        let continuous = try OggOpusFileReader(path: path).readAll(chunkFrames: 960)
        #expect(Self.largestDifference(expected, Array(continuous[48_000...])) < 0.05)
    }

    @Test("two files joined end to end read as one chain, unless they share a serial number, which is named as such")
    func joinedFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Our serial number comes from the audio: the same tone twice gives two streams with the same serial.
        let tone = try MediaFixtures.encode(Signals.sine(frequency: 440, seconds: 1, sampleRate: 48_000),
                                            at: directory.file("tone.opus"))
        let other = try MediaFixtures.encode(Signals.sine(frequency: 660, seconds: 1, sampleRate: 48_000),
                                             at: directory.file("other.opus"))
        let bytes = try [tone, other].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }

        let chained = directory.file("chained.opus")
        try (bytes[0] + bytes[1]).write(to: URL(fileURLWithPath: chained))
        #expect(try OggOpusFileReader(path: chained).readAll(chunkFrames: 960).count == 2 * 2 * 48_000)

        let twice = directory.file("twice.opus")
        try (bytes[0] + bytes[0]).write(to: URL(fileURLWithPath: twice))
        let error = #expect(throws: MediaError.self) {
            _ = try OggOpusFileReader(path: twice).readAll(chunkFrames: 960)
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("same serial number are joined end to end"))
    }
}
