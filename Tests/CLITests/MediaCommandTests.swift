import CommuneCastTesting
import Foundation
import Testing

@Suite("communecast media, through the built binary")
struct MediaCommandTests {
    @Test("encode reports the input and writes a normalised mono Opus file that media info describes")
    func encodeThenInfo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("in.wav")
        try WAVWriter.write(Signals.speechLike(seconds: 3, sampleRate: 44_100, peak: 0.3).flatMap { [$0, $0] },
                            to: input, sampleRate: 44_100, channels: 2)
        let output = directory.file("out.opus")
        let report = try CLI.json("media", "encode", input, output)
        #expect((report["input_format"] as? String)?.contains("44100 Hz stereo") == true)
        #expect(abs((report["duration_s"] as? Double ?? 0) - 3) < 0.001)
        #expect(abs((report["loudness_after_lufs"] as? Double ?? 0) + 16) < 0.5)
        #expect(report["output_bytes"] as? Int == Int(FileManager.default.size(output)))

        let info = try CLI.json("media", "info", output)
        #expect(info["container"] as? String == "Ogg Opus")
        #expect(info["channels"] as? Int == 1)
        #expect(info["original_sample_rate"] as? Int == 44_100, "the rate the audio was made at, from our tag")
        #expect(info["frames"] as? Int == 144_000)
        #expect(info["sha256"] as? String == report["output_sha256"] as? String)
        let sha = try ProcessRunner.run("sha256sum", [output]).standardOutput.prefix(64)
        #expect(info["sha256"] as? String == String(sha))

        let human = try CLI.run("media", "info", output)
        #expect(human.status == 0)
        #expect(human.standardOutput.contains("duration    3.000 s"))
    }

    @Test("info reads every format encode reads, naming FFmpeg's container and codec; play points to encode")
    func infoOfAPhoneRecording() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mp3 = directory.file("ghi-am.mp3")
        try AudioMeasure.convert(Signals.speechLike(seconds: 3, sampleRate: 44_100, peak: 0.3), sampleRate: 44_100,
                                 to: mp3, codec: ["-c:a", "libmp3lame"])
        let human = try CLI.run("media", "info", mp3)
        #expect(human.status == 0, "\(human.standardError)")
        #expect(human.standardOutput.contains("codec       MP3 (MPEG audio layer 3)"), "\(human.standardOutput)")
        #expect(human.standardOutput.contains("sample rate 44100 Hz\n"), "\(human.standardOutput)")
        let info = try CLI.json("media", "info", mp3)
        #expect(info["channels"] as? Int == 1)
        #expect(abs((info["duration_s"] as? Double ?? 0) - 3) < 0.001, "\(info)")
        // play reads only what a site stores, and says what converts the rest.
        let play = try CLI.run("media", "play", mp3, "--device", "null")
        #expect(play.status == 1)
        #expect(play.standardError.contains("`communecast media encode` converts other formats"),
                "\(play.standardError)")
    }

    @Test("encode refuses to replace an existing output unless --force")
    func refusesOverwrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("in.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 1, sampleRate: 16_000), to: input, sampleRate: 16_000)
        let output = directory.file("out.opus")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: output))
        let refused = try CLI.run("media", "encode", input, output)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("already exists"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
        #expect(try CLI.run("media", "encode", input, output, "--force").status == 0)
        #expect(try CLI.json("media", "info", output)["container"] as? String == "Ogg Opus")
    }

    @Test("the same audio encodes to the same bytes; different audio to a different stream serial and hash")
    func deterministic() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = directory.file("thong-bao.wav")
        let second = directory.file("other.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 1, sampleRate: 16_000), to: first, sampleRate: 16_000)
        try WAVWriter.write(Signals.sine(frequency: 660, seconds: 1, sampleRate: 16_000), to: second, sampleRate: 16_000)
        var hashes: [String] = []
        for (input, output) in [(first, "a/thong-bao.opus"), (first, "b/thong-bao.opus"), (second, "c/thong-bao.opus")] {
            try FileManager.default.createDirectory(atPath: directory.file(String(output.prefix(1))),
                                                    withIntermediateDirectories: true)
            let report = try CLI.json("media", "encode", input, directory.file(output))
            hashes.append(try #require(report["output_sha256"] as? String ?? report["sha256"] as? String))
        }
        #expect(hashes[0] == hashes[1])
        #expect(hashes[0] != hashes[2])
    }

    @Test("tone writes the attention signal at its default length of 8 s")
    func tone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.file("attention.opus")
        #expect(try CLI.run("media", "tone", "--kind", "attention", output).status == 0)
        let info = try CLI.json("media", "info", output)
        #expect(info["frames"] as? Int == 8 * 48_000)
        let chime = directory.file("chime.opus")
        #expect(try CLI.run("media", "tone", "--kind", "chime", "--seconds", "1.5", chime).status == 0)
        #expect(try CLI.json("media", "info", chime)["frames"] as? Int == 72_000)
    }

    @Test("play sends every frame to the ALSA file plugin and reports it")
    func playToFilePlugin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let opus = directory.file("a.opus")
        #expect(try CLI.run("media", "tone", "--kind", "chime", "--seconds", "1", opus).status == 0)
        let capture = directory.file("out.raw")
        let report = try CLI.json("media", "play", opus, "--device", "file:FILE=\(capture),FORMAT=raw", "--no-pace")
        #expect(report["frames"] as? Int == 48_000)
        #expect(report["paced"] as? Bool == false)
        #expect(FileManager.default.size(capture) == 96_000)
    }

    @Test("play on a device that does not exist fails cleanly naming the device")
    func playMissingDevice() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let opus = directory.file("a.opus")
        #expect(try CLI.run("media", "tone", "--kind", "chime", opus).status == 0)
        let result = try CLI.run("media", "play", opus, "--device", "hw:9,0")
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot open audio device 'hw:9,0'"))
    }
}

extension FileManager {
    /// Size of a file in bytes, 0 when missing.
    func size(_ path: String) -> UInt64 {
        ((try? attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
