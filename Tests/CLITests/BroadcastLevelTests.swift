import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("what reaches the loudspeakers stays under the ceiling: encoded files and hw test's signals")
struct BroadcastLevelTests {
    /// Also: loudness near the target, and `media info` reports the rate the audio was made at.
    @Test("an encoded file itself keeps its true peak at most -1 dBTP where Opus overshoots",
          arguments: ["pluck 440", "pluck 880", "speech"])
    func encodedPeak(signal: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("vao.wav")
        if signal == "speech" {
            let spoken = try ProcessRunner.run("espeak-ng", [
                "-v", "vi", "-w", input, "Thông báo tiêm phòng cho trẻ em dưới năm tuổi tại trạm y tế xã.",
            ])
            try #require(spoken.status == 0, "\(spoken.standardError)")
        } else {
            // A plucked string's instant attack is where Opus at 24 kb/s overshoots most (+0.8 dB and more).
            let made = try ProcessRunner.run("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", input,
                                                     "synth", "4"] + signal.split(separator: " ").map(String.init))
            try #require(made.status == 0, "\(made.standardError)")
        }
        let output = directory.file("ra.opus")
        let encoded = try CLI.run("media", "encode", input, output)
        #expect(encoded.status == 0, "\(encoded.standardError)")
        let measured = try AudioMeasure.loudness(output)
        #expect(measured.peak <= -1.0, "\(signal): ffmpeg measures \(measured.peak) dBTP in the file")
        // Speech lands on the target; a synthetic pluck may give up to 2 LU when only a lower gain holds its peak.
        let tolerance = signal == "speech" ? 1.0 : 2.0
        #expect(abs(measured.lufs + 16) <= tolerance, "\(signal): \(measured.lufs) LUFS")
        let info = try CLI.json("media", "info", output)
        #expect(info["original_sample_rate"] as? Int == 22_050)
        #expect((info["true_peak_dbtp"] as? Double ?? 0) <= -1.0)
        let human = try CLI.run("media", "info", output)
        #expect(human.standardOutput.contains("22050 Hz original, decoded at 48000 Hz"))
    }

    @Test("hw test at the virtual profile's 0 dB plays the chime and the spoken test without touching full scale")
    func hardwareTestDoesNotClip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("air.wav")
        // The shipped virtual profile's levels, writing where the test can read it, unpaced.
        let profile = try HardwareTestCommandTests.profile(in: directory, capture: capture,
                                                           mixer: ["volume_db: 0", "emergency_volume_db: 0"])
        let output = try CLI.run("hw", "test", "--profile", profile)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("speech    played"), "\(output.standardOutput)")
        let samples = try WAVFileReader(path: capture).readAll()
        #expect(samples.count > 48_000 * 5)
        let peak = samples.map(abs).max() ?? 1
        #expect(samples.filter { abs($0) >= 32_767.0 / 32_768 }.isEmpty, "samples at full scale")
        #expect(Decibels.fromLinear(Double(peak)) <= -1.0, "sample peak \(Decibels.fromLinear(Double(peak))) dBFS")
        let measured = try AudioMeasure.loudness(capture)
        #expect(measured.peak <= -1.0, "true peak \(measured.peak) dBTP")
        #expect(abs(measured.lufs + 16) <= 1.5, "\(measured.lufs) LUFS")
    }
}
