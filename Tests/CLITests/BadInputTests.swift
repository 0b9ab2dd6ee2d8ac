import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("Bad input to media encode: exit 1, a message naming the file, and no output at all")
struct BadInputTests {
    /// Runs `media encode INPUT OUTPUT` and checks the refusal: status, message and an output directory left empty.
    static func expectRefused(
        _ input: String, in directory: TemporaryDirectory, mentioning words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let outputDirectory = directory.file("out")
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let result = try CLI.run("media", "encode", input, "\(outputDirectory)/result.opus")
        #expect(result.status == 1, "status \(result.status): \(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(input), "message must name the file", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.standardError.contains(word), "missing '\(word)' in: \(result.standardError)",
                    sourceLocation: sourceLocation)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputDirectory).isEmpty,
                "output directory must stay empty", sourceLocation: sourceLocation)
    }

    @Test("a file that is no audio at all")
    func notAudio() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("bao-lu.wav")
        try Data("ID3 this is an mp3 pretending".utf8).write(to: URL(fileURLWithPath: input))
        try Self.expectRefused(input, in: directory, mentioning: ["not an audio file", "expected MP3"])
    }

    @Test("a WAV whose data chunk claims more bytes than the file holds")
    func truncatedWAV() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("cut.wav")
        let bytes = WAVWriter.bytes(Signals.sine(frequency: 440, seconds: 1, sampleRate: 16_000), sampleRate: 16_000,
                                    channels: 1)
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: input))
        try Self.expectRefused(input, in: directory, mentioning: ["truncated"])
    }

    @Test("a WAV with the streaming data size 0xFFFFFFFF is read to the end, not refused")
    func streamingWAV() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("stream.wav")
        var bytes = WAVWriter.bytes(Signals.sine(frequency: 440, seconds: 1, sampleRate: 16_000), sampleRate: 16_000,
                                    channels: 1)
        for offset in 40..<44 { bytes[offset] = 0xFF }
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let output = directory.file("stream.opus")
        #expect(try CLI.run("media", "encode", input, output).status == 0)
        #expect(try CLI.json("media", "info", output)["frames"] as? Int == 48_000)
    }

    @Test("a truncated Ogg Opus file")
    func truncatedOgg() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let whole = directory.file("whole.opus")
        #expect(try CLI.run("media", "tone", "--kind", "chime", whole).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let input = directory.file("cut.opus")
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: input))
        try FileManager.default.removeItem(atPath: whole)
        try Self.expectRefused(input, in: directory, mentioning: ["truncated"])
    }

    @Test("an A-law WAV, which the site's own reader refuses, is imported through FFmpeg")
    func aLawImported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("alaw.wav")
        var bytes = WAVWriter.bytes([Float](repeating: 0.1, count: 8_000), sampleRate: 8_000, channels: 1,
                                    encoding: .unsigned8)
        bytes[20] = 6
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let result = try CLI.run("media", "encode", input, directory.file("alaw.opus"))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try MediaInfo.inspect(path: directory.file("alaw.opus")).durationSeconds == 1)
    }

    @Test("zero-length audio")
    func zeroLength() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("empty.wav")
        try WAVWriter.write([], to: input, sampleRate: 16_000)
        try Self.expectRefused(input, in: directory, mentioning: ["no audio"])
    }

    @Test("audio longer than two hours")
    func tooLong() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("long.wav")
        let frames = 8_000 * (2 * 3_600 + 5)
        var header = WAVWriter.bytes([], sampleRate: 8_000, channels: 1, encoding: .unsigned8)
        withUnsafeBytes(of: UInt32(frames).littleEndian) { header.replaceSubrange(40..<44, with: $0) }
        try Data(header).write(to: URL(fileURLWithPath: input))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        try handle.truncate(atOffset: UInt64(header.count + frames))
        try handle.close()
        try Self.expectRefused(input, in: directory, mentioning: ["too long", "2 h"])
    }

    @Test("an INPUT that does not exist, and one that is a directory")
    func unreadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.expectRefused(directory.file("missing.wav"), in: directory, mentioning: ["cannot read", "no such file"])
        let folder = directory.file("folder.wav")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.expectRefused(folder, in: directory, mentioning: ["directory"])
    }

    @Test("an OUTPUT in a missing directory")
    func missingOutputDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("in.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 1, sampleRate: 16_000), to: input, sampleRate: 16_000)
        let output = directory.file("nowhere/out.opus")
        let result = try CLI.run("media", "encode", input, output)
        #expect(result.status == 1)
        #expect(result.standardError.contains(output))
        #expect(result.standardError.contains("does not exist"))
        #expect(try directory.entries() == ["in.wav"])
    }

    @Test("usage errors exit 2", arguments: [
        ["media", "encode"],
        ["media", "encode", "a.wav", "b.opus", "--bitrate", "1000"],
        ["media", "tone", "--kind", "siren", "x.opus"],
        ["media", "play", "x.opus", "--volume", "40"],
        ["no-such-command"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try ProcessRunner.run(CLI.path, arguments)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    @Test("usage errors that can be told without a site say what was meant, before any site is asked", arguments: [
        (["log", "--day", "2026-02-30", "--connect", "unix:/nonexistent.sock"],
         "--day: '2026-02-30' is not a date; give one such as 2026-12-01, today or yesterday"),
        (["log", "--day", "2026-13-01", "--connect", "unix:/nonexistent.sock"], "'2026-13-01' is not a date"),
        (["play", "http://radio.example:8000/vov1.opus", "--duration", "1h", "--connect", "unix:/nonexistent.sock"],
         "'http://radio.example:8000/vov1.opus' is a stream address, not stored media: relay it with --stream "
            + "http://radio.example:8000/vov1.opus --duration TIME"),
        (["alert", "push", "canh-bao.wav", "--id", "a1", "--expires", "0s", "--connect", "unix:/nonexistent.sock"],
         "--expires must be more than 0: nothing would air; got '0s'"),
        (["volume", "20", "--connect", "unix:/nonexistent.sock"], "volume must be -60 to +12 dB; got 20"),
    ])
    func explainedUsageErrors(arguments: [String], message: String) throws {
        let result = try ProcessRunner.run(CLI.path, arguments)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("cannot reach"))
    }
}
