@testable import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

/// The loudness `media encode` reports is the written file's own, and a file the codec made quieter than the target
/// is made again: checked with ffmpeg's ebur128, another meter than ours.
@Suite("The loudness of the encoded file")
struct FileLoudnessTests {
    /// White noise from a fixed seed, `amplitude` at most: Opus at 24 kb/s drops the top of its band, about 2 LU of
    /// its loudness.
    static func whiteNoise(seconds: Int, sampleRate: Int, amplitude: Float) -> [Float] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(seconds * sampleRate)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return amplitude * (Float(state >> 40) / Float(1 << 24) * 2 - 1)
        }
    }

    static func encode(_ samples: [Float], sampleRate: Int, in directory: TemporaryDirectory) throws
        -> (report: EncodeReport, file: (lufs: Double, peak: Double)) {
        let input = directory.file("noise.wav")
        try WAVWriter.write(samples, to: input, sampleRate: sampleRate)
        let output = directory.file("noise.opus")
        let report = try MediaEncoder.encode(input: input, output: output)
        return (report, try AudioMeasure.loudness(output))
    }

    @Test("a signal the codec makes quieter lands on the target all the same, and the report says what the file has",
          arguments: [48_000, 22_050])
    func codecLossMadeUp(sampleRate: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (report, file) = try Self.encode(Self.whiteNoise(seconds: 10, sampleRate: sampleRate, amplitude: 0.2),
                                             sampleRate: sampleRate, in: directory)
        let target = EncodeOptions().targetLUFS
        #expect(abs(file.lufs - target) <= 0.6, "the file measures \(file.lufs) LUFS")
        #expect(abs((report.loudnessAfterLUFS ?? 0) - file.lufs) <= 0.15)
        #expect((report.truePeakAfterDBTP ?? 0) <= EncodeOptions().truePeakCeiling)
        #expect(file.peak <= EncodeOptions().truePeakCeiling + 0.1)
    }

    @Test("speech over rumble (wind, handling) lands on the target without the limiter pulling it down 20 dB")
    func speechOverRumble() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Brown noise (a random walk, kept from drifting off): nearly all peaks, nearly no weighted loudness.
        let steps = Self.whiteNoise(seconds: 20, sampleRate: 44_100, amplitude: 0.02)
        var level: Float = 0
        let speech = Signals.speechLike(seconds: 20, sampleRate: 44_100, peak: 0.3)
        let mixed = zip(speech, steps).map { sample, step -> Float in
            level = 0.999 * level + step
            return sample + level
        }
        let (report, file) = try Self.encode(mixed, sampleRate: 44_100, in: directory)
        #expect(abs(file.lufs - EncodeOptions().targetLUFS) <= 1, "the file measures \(file.lufs) LUFS")
        #expect(file.peak <= EncodeOptions().truePeakCeiling + 0.1)
        // Without the filter the limiter's search ran the gain up past +20 dB, the rumble holding the peaks.
        #expect(report.gainDB < (EncodeOptions().targetLUFS - (report.loudnessBeforeLUFS ?? 0)) + 6,
                "gain \(report.gainDB) dB for a signal at \(report.loudnessBeforeLUFS ?? 0) LUFS")
    }

    @Test("a quiet signal held at the most gain allowed is reported at the loudness its file has, not the target's")
    func gainAtMostReportedAsIs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // About −58 LUFS: 40 dB of gain leaves it near −18 before the codec, and the codec takes more off.
        let (report, file) = try Self.encode(Self.whiteNoise(seconds: 10, sampleRate: 48_000, amplitude: 0.002),
                                             sampleRate: 48_000, in: directory)
        #expect(abs(report.gainDB - EncodeOptions().maxGainDB) < 0.01)
        #expect(file.lufs < EncodeOptions().targetLUFS - 1)
        #expect(abs((report.loudnessAfterLUFS ?? 0) - file.lufs) <= 0.15)
    }

    @Test("only a miss the codec caused is made up, within the tolerance, the most gain and the most aim")
    func whenToAimHigher() {
        let options = EncodeOptions()
        func result(_ loudness: Double?, gain: Double = 6) -> LoudnessNormaliser.Result {
            LoudnessNormaliser.Result(pendingGainDB: gain, gainDB: gain, limited: false, loudness: loudness)
        }
        func miss(_ file: Double?, _ normalised: LoudnessNormaliser.Result, codecLoss: Double = 0) -> Double? {
            MediaEncoder.loudnessMiss(file: file, result: normalised, codecLoss: codecLoss, options: options)
        }
        #expect(miss(-18, result(-16)) == 2)
        #expect(miss(-16.3, result(-16)) == nil)
        // Aimed 2 LU higher already, the file still 0.6 under: aim 0.6 higher again.
        #expect(abs((miss(-16.6, result(-14), codecLoss: 2) ?? 0) - 0.6) < 1e-9)
        // The limiter could not bring brown noise up to its aim: a higher aim would not help.
        #expect(miss(-19.8, result(-19.7)) == nil)
        #expect(miss(-18, result(-16, gain: 40)) == nil)
        #expect(miss(-18, result(-13), codecLoss: 3) == nil)
        #expect(miss(nil, result(-16)) == nil)
        #expect(miss(-18, result(nil)) == nil)
    }
}
