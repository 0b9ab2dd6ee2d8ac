import CommuneCastTesting
import Testing

@testable import AudioCodec

@Suite("The limiter's gain search: nested excerpts, the maximum gain")
struct GainSearchTests {
    static let rate = 16_000
    static let format = AudioFormat(sampleRate: rate, channels: 1)

    /// Speech-like sound with a loud syllable every five seconds, long enough for an excerpt of an excerpt.
    static func signal(seconds: Double) -> [Float] {
        var samples = Signals.speechLike(seconds: seconds, sampleRate: rate, peak: 0.3)
        for start in stride(from: 0, to: samples.count, by: 5 * rate) {
            for index in start..<min(samples.count, start + rate / 3) { samples[index] *= 3 }
        }
        return samples
    }

    static func loudness(_ samples: [Float]) throws -> Double {
        try samples.withUnsafeBufferPointer { try LoudnessMeter.integratedLoudness($0, format: format) }
    }

    @Test("the excerpt searched after its own excerpt lands on its target, and the whole signal then lands on its own")
    func nestedExcerptsLand() throws {
        let samples = Self.signal(seconds: 200)
        let loudness = try Self.loudness(samples)
        let options = EncodeOptions()
        let limiter = PeakLimiter(ceiling: 0.4, sampleRate: Self.rate)
        let found = try #require(try LoudnessNormaliser.searchExcerpt(
            of: samples, aim: options.targetLUFS - loudness, from: options.targetLUFS - loudness,
            maxGainDB: options.maxGainDB, limiter: limiter, format: Self.format, depth: 1
        ))
        let excerpt = try #require(LoudnessNormaliser.excerpt(of: samples, sampleRate: Self.rate))
        let excerptTarget = options.targetLUFS + (try Self.loudness(excerpt)) - loudness
        var scratch = [Float](repeating: 0, count: excerpt.count)
        let onExcerpt = try LoudnessNormaliser.limitAndMeasure(excerpt, gain: found.gain, limiter: limiter,
                                                              format: Self.format, into: &scratch)
        #expect(abs(onExcerpt - excerptTarget) < LoudnessNormaliser.excerptTolerance)
        var output = [Float](repeating: 0, count: samples.count)
        let onWhole = try LoudnessNormaliser.limitAndMeasure(samples, gain: found.gain, limiter: limiter,
                                                            format: Self.format, into: &output)
        #expect(abs(onWhole - options.targetLUFS) < LoudnessNormaliser.searchTolerance)
    }

    @Test("a search that starts at the maximum gain above the target steps down instead of stopping there")
    func maximumGainAboveTargetStepsDown() throws {
        let samples = Self.signal(seconds: 10)
        let target = try Self.loudness(samples) + 0.5
        let limiter = PeakLimiter(ceiling: 0.4, sampleRate: Self.rate)
        var output = [Float](repeating: 0, count: samples.count)
        let found = try LoudnessNormaliser.search(samples, from: 6, target: target, maxGainDB: 6, limiter: limiter,
                                                  format: Self.format, into: &output)
        #expect(found.gain < 6)
        #expect(abs(found.loudness - target) < LoudnessNormaliser.searchTolerance)
        #expect(abs(try Self.loudness(output) - target) < LoudnessNormaliser.searchTolerance)
    }
}
