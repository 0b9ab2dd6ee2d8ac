import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("Resampling, loudness and limiting")
struct DSPTests {
    @Test("speexdsp resampling gives exactly round(N × 48000 / rate) frames", arguments: [8_000, 11_025, 22_050,
                                                                                        44_100, 96_000, 192_000])
    func resampledLength(rate: Int) throws {
        let input = Signals.sine(frequency: 300, seconds: 1.37, sampleRate: rate)
        let resampler = try SpeexResampler(channels: 1, from: rate, to: 48_000)
        var output: [Float] = []
        for start in stride(from: 0, to: input.count, by: 1_000) {
            input[start..<min(input.count, start + 1_000)].withUnsafeBufferPointer { resampler.process($0, into: &output) }
        }
        resampler.flush(into: &output)
        #expect(output.count == Int((Double(input.count) * 48_000 / Double(rate)).rounded()))
        // Aligned: the resampled sine keeps its phase (no filter delay left in).
        let expected = Signals.sine(frequency: 300, seconds: 1.37, sampleRate: 48_000)
        let checked = 2_000..<(min(output.count, expected.count) - 2_000)
        let worst = checked.map { abs(output[$0] - expected[$0]) }.max() ?? 1
        #expect(worst < 0.02)
    }

    @Test("a full-scale 1 kHz sine measures about -3 LUFS and 0 dBTP")
    func loudnessOfReferenceSine() throws {
        let samples = Signals.sine(frequency: 1_000, seconds: 5, sampleRate: 48_000, amplitude: 1)
        let measured = try LoudnessMeter.measure(samples, format: .broadcast)
        #expect(abs(measured.lufs - (-3.01)) < 0.1)
        #expect(abs(measured.truePeak) < 0.1)
    }

    @Test("silence has no measurable loudness")
    func silence() throws {
        let measured = try LoudnessMeter.measure([Float](repeating: 0, count: 48_000), format: .broadcast)
        #expect(measured.lufs == -.infinity)
    }

    @Test("the limiter never lets a sample past the ceiling and leaves quiet parts alone")
    func limiterCeiling() {
        var samples = Signals.sine(frequency: 200, seconds: 1, sampleRate: 48_000, amplitude: 0.2)
        for index in 20_000..<20_100 { samples[index] = index % 2 == 0 ? 1.5 : -1.5 }
        let original = samples
        let limiter = PeakLimiter(ceiling: 0.5)
        let reduced = limiter.process(&samples)
        #expect(reduced > 0)
        #expect(samples.map { abs($0) }.max()! <= 0.5 + 1e-6)
        // Before the look-ahead reaches the burst the signal is bit-exact; half a second after it, the release has
        // brought the gain back to within 0.2 % of unity (index 45 060 is a crest of the 200 Hz sine).
        #expect(samples[1_060] == original[1_060])
        #expect(abs(samples[45_060] / original[45_060] - 1) < 0.002)
    }

    @Test("the limiter's gain ramps instead of stepping")
    func limiterIsSmooth() {
        var samples = [Float](repeating: 0.4, count: 4_800)
        samples[2_400] = 2
        PeakLimiter(ceiling: 0.5, lookahead: 240).process(&samples)
        let ramp = samples[2_100..<2_400]
        let steps = zip(ramp, ramp.dropFirst()).map { abs($0 - $1) }
        #expect(steps.max()! < 0.01)
        #expect(samples[2_400] <= 0.5)
    }
}
