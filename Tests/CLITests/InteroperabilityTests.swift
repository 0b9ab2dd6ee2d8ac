import CommuneCastTesting
import Foundation
import Testing

@Suite("Interoperability with opus-tools and ffmpeg")
struct InteroperabilityTests {
    /// Duration of a WAV file as sox reports it, in seconds.
    static func soxDuration(_ path: String) throws -> Double {
        let output = try ProcessRunner.run("soxi", ["-D", path])
        return Double(output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("opusinfo and opusdec accept our output, and its decoded duration matches the input within 20 ms",
          arguments: [8_000, 22_050, 44_100, 96_000])
    func opusToolsAcceptOurs(rate: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("in.wav")
        let seconds = 2.5
        try WAVWriter.write(Signals.speechLike(seconds: seconds, sampleRate: rate, peak: 0.5), to: input,
                            sampleRate: rate)
        let output = directory.file("ours.opus")
        #expect(try CLI.run("media", "encode", input, output).status == 0)
        let info = try ProcessRunner.run("opusinfo", [output])
        #expect(info.status == 0, "opusinfo: \(info.standardError)")
        #expect(info.standardOutput.contains("Channels: 1"))
        let decoded = directory.file("decoded.wav")
        let opusdec = try ProcessRunner.run("opusdec", ["--quiet", output, decoded])
        #expect(opusdec.status == 0, "opusdec: \(opusdec.standardError)")
        #expect(abs(try Self.soxDuration(decoded) - seconds) <= 0.020)
    }

    @Test("a file made by opusenc plays through our decoder with every frame")
    func oursAcceptsOpusenc() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("in.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 2, sampleRate: 48_000, channels: 2), to: input,
                            sampleRate: 48_000, channels: 2)
        let reference = directory.file("reference.opus")
        let opusenc = try ProcessRunner.run("opusenc", ["--quiet", "--bitrate", "64", input, reference])
        #expect(opusenc.status == 0, "opusenc: \(opusenc.standardError)")
        let info = try CLI.json("media", "info", reference)
        #expect(info["frames"] as? Int == 96_000)
        #expect(info["channels"] as? Int == 2)
        #expect((info["vendor"] as? String)?.contains("libopus") == true)
        let capture = directory.file("capture.raw")
        let played = try CLI.json("media", "play", reference, "--device", "file:FILE=\(capture),FORMAT=raw",
                                  "--no-pace")
        #expect(played["frames"] as? Int == 96_000)
        #expect(FileManager.default.size(capture) == 96_000 * 2 * 2)
        // Our re-encode of opusenc's file is accepted too.
        let reencoded = directory.file("reencoded.opus")
        #expect(try CLI.run("media", "encode", reference, reencoded).status == 0)
        #expect(try ProcessRunner.run("opusinfo", [reencoded]).status == 0)
    }

    @Test("after encode, ffmpeg measures the target loudness within 1 LU and the true peak at most -1 dBTP",
          arguments: [("quiet", 0.02), ("normal", 0.3), ("clipping", 4.0)])
    func loudnessIndependentlyMeasured(name: String, gain: Double) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("\(name).wav")
        let samples = Signals.speechLike(seconds: 8, sampleRate: 44_100, peak: 1).map {
            max(-1, min(1, $0 * Float(gain)))
        }
        try WAVWriter.write(samples, to: input, sampleRate: 44_100)
        for target in [-16.0, -23.0] {
            let output = directory.file("\(name)\(Int(target)).opus")
            #expect(try CLI.run("media", "encode", input, output, "--target-lufs", "\(target)").status == 0)
            let measured = try AudioMeasure.loudness(output)
            #expect(abs(measured.lufs - target) <= 1.0, "\(name) at \(target): \(measured.lufs) LUFS")
            #expect(measured.peak <= -1.0, "\(name) at \(target): true peak \(measured.peak) dBTP")
        }
    }
}
