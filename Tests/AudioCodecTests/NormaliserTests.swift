import AudioCodec
import CommuneCastTesting
import Testing

@Suite("Loudness normalisation")
struct NormaliserTests {
    @Test("inputs from very quiet to clipping land within 0.5 LU of the target with peaks under the ceiling",
          arguments: [0.01, 0.1, 0.5, 1.0])
    func landsOnTarget(peak: Double) throws {
        var samples = Signals.speechLike(seconds: 6, sampleRate: 48_000, peak: peak)
        if peak == 1.0 { samples = samples.map { max(-1, min(1, $0 * 4)) } }
        let before = try LoudnessMeter.measure(samples, format: .broadcast)
        let options = EncodeOptions()
        let result = try LoudnessNormaliser.normalise(
            &samples, loudness: before.lufs, peak: before.truePeak, peakIsTrue: true, options: options
        )
        let factor = Float(Decibels.linear(result.pendingGainDB))
        let after = try LoudnessMeter.measure(samples.map { $0 * factor }, format: .broadcast)
        #expect(abs(after.lufs - options.targetLUFS) < 0.5)
        #expect(after.truePeak <= options.truePeakCeiling - LoudnessNormaliser.codecMarginDB + 0.05)
        #expect(abs((result.loudness ?? 0) - after.lufs) < 0.1)
    }

    @Test("a long input whose limiter gain is searched on an excerpt first still lands within 0.2 LU of the target")
    func excerptSearchLandsOnTarget() throws {
        // Every fifth second a syllable three times as loud: the peaks the limiter must hold down.
        var samples = Signals.speechLike(seconds: 60, sampleRate: 48_000, peak: 0.3)
        for start in stride(from: 0, to: samples.count, by: 5 * 48_000) {
            for index in start..<(start + 16_000) { samples[index] *= 3 }
        }
        let before = try LoudnessMeter.measure(samples, format: .broadcast)
        let options = EncodeOptions()
        var whole = samples
        let result = try LoudnessNormaliser.normalise(
            &samples, loudness: before.lufs, peak: before.truePeak, peakIsTrue: true, options: options,
            excerptFrom: 40 * 48_000
        )
        let searchedWhole = try LoudnessNormaliser.normalise(
            &whole, loudness: before.lufs, peak: before.truePeak, peakIsTrue: true, options: options,
            excerptFrom: .max
        )
        let after = try LoudnessMeter.measure(samples, format: .broadcast).lufs
        #expect(result.limited)
        #expect(abs(after - options.targetLUFS) < 0.2)
        #expect(abs((result.loudness ?? 0) - after) < 0.01)
        // The same gain, within the search's tolerance, as a search on the whole signal.
        #expect(abs(result.gainDB - searchedWhole.gainDB) < 0.4)
        let limit = Float(Decibels.linear(options.truePeakCeiling - LoudnessNormaliser.codecMarginDB))
        #expect(samples.map { abs($0) }.max()! <= limit)
    }

    @Test("a loud input is only turned down, never limited")
    func loudInputNotLimited() throws {
        var samples = Signals.speechLike(seconds: 4, sampleRate: 48_000, peak: 0.9)
        let before = try LoudnessMeter.measure(samples, format: .broadcast)
        let result = try LoudnessNormaliser.normalise(
            &samples, loudness: before.lufs, peak: before.truePeak, peakIsTrue: true, options: EncodeOptions()
        )
        let ceiling = EncodeOptions().truePeakCeiling - LoudnessNormaliser.codecMarginDB
        #expect(result.limited == (before.truePeak + result.gainDB > ceiling))
        #expect(result.gainDB < 0 || before.lufs < -16)
    }

    @Test("the streaming limiter with a gain matches gain-then-limit on a copy")
    func limiterGainMatchesCopy() {
        let samples = Signals.speechLike(seconds: 1, sampleRate: 48_000, peak: 0.9)
        var copy = samples.map { $0 * 2 }
        let limiter = PeakLimiter(ceiling: 0.7)
        limiter.process(&copy)
        var streamed = [Float](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { input in
            streamed.withUnsafeMutableBufferPointer { _ = limiter.process(input, gain: 2, into: $0) }
        }
        #expect(zip(copy, streamed).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(streamed.map { abs($0) }.max()! <= 0.7 + 1e-6)
    }

    @Test("silence passes through unchanged with no loudness to report")
    func silencePassesThrough() throws {
        var samples = [Float](repeating: 0, count: 48_000)
        let result = try LoudnessNormaliser.normalise(
            &samples, loudness: -.infinity, peak: -.infinity, peakIsTrue: true, options: EncodeOptions()
        )
        #expect(result.gainDB == 0)
        #expect(result.loudness == nil)
    }
}
