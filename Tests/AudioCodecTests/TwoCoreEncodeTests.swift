import CommuneCastTesting
import Foundation
import Testing

@testable import AudioCodec

@Suite("Encoding a long signal on both cores: two encoders, one stream")
struct TwoCoreEncodeTests {
    static let seconds = 40.4

    /// Speech-like sound with a loud syllable every second, at `rate`, and a sustained vowel (140 Hz and its
    /// harmonics) across the middle second, where the halves join.
    static func signal(rate: Int) -> [Float] {
        var samples = Signals.speechLike(seconds: seconds, sampleRate: rate, peak: 0.25)
        for start in stride(from: 0, to: samples.count, by: rate) {
            for index in start..<(start + rate / 4) { samples[index] *= 2 }
        }
        let middle = samples.count / 2
        for index in (middle - rate / 2)..<(middle + rate / 2) {
            let time = Double(index) / Double(rate)
            let vowel = (1...12).reduce(0.0) { sum, harmonic in
                sum + sin(2 * Double.pi * 140 * Double(harmonic) * time) / Double(harmonic)
            }
            samples[index] = Float(0.12 * vowel)
        }
        return samples
    }

    static var settings: OpusEncoderSettings {
        var settings = OpusEncoderSettings()
        settings.serialNumber = 2_026
        return settings
    }

    /// The Ogg Opus bytes for `samples`: on both cores (split at the middle) or with one encoder.
    static func encode(_ samples: [Float], rate: Int, twoCores: Bool) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let encoder = try MediaEncoder.signalEncoder(
            count: samples.count, sampleRate: rate, settings: settings, tags: [("TITLE", "test")], gainDB: 0,
            splitFrom: twoCores ? 0 : .max, progress: nil
        ) { bytes.append(contentsOf: $0) }
        #expect((encoder is TwoCoreOpusEncoder) == twoCores)
        for start in stride(from: 0, to: samples.count, by: rate) {
            try encoder.write(samples[start..<min(start + rate, samples.count)])
        }
        try encoder.finish()
        return bytes
    }

    /// What libopusfile decodes from `bytes` (48 kHz), and the length the stream declares.
    static func decode(_ bytes: [UInt8]) throws -> (samples: [Float], declared: Int?) {
        let reader = try OggOpusFileReader(bytes: bytes, path: "test.opus")
        defer { reader.close() }
        return (try reader.readAll(capacity: Int(seconds + 1) * 48_000), reader.frameCount)
    }

    /// How many 48 kHz samples `count` samples at `rate` play as (libopusenc rounds up).
    static func length(_ count: Int, rate: Int) -> Int { (count * 48_000 + rate - 1) / rate }

    /// The RMS of `a - b` over `range`.
    static func errorRMS(_ a: [Float], _ b: [Float], _ range: Range<Int>) -> Double {
        let sum = range.reduce(0.0) { total, index in
            let difference = Double(a[index] - b[index])
            return total + difference * difference
        }
        return (sum / Double(range.count)).squareRoot()
    }

    @Test("the plan joins on a 20 ms frame and a whole 48 kHz sample at every rate, and leaves short signals whole",
          arguments: [8_000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000])
    func planAlignsTheJoin(rate: Int) throws {
        let count = 600 * rate + 12_345
        let plan = try #require(TwoCoreOpusEncoder.plan(count: count, sampleRate: rate, frameMilliseconds: 20,
                                                        minimum: 60 * rate))
        for boundary in [plan.join, plan.secondStart, plan.join + plan.context] {
            #expect(boundary * 48_000 % rate == 0)
            #expect(boundary * 48_000 / rate % 960 == 0)
        }
        #expect(abs(plan.join - count / 2) < rate / 10)
        #expect(plan.context >= 2 * rate && plan.context < 3 * rate)
        #expect(TwoCoreOpusEncoder.plan(count: 59 * rate, sampleRate: rate, frameMilliseconds: 20,
                                        minimum: 60 * rate) == nil)
        #expect(TwoCoreOpusEncoder.plan(count: 5 * rate, sampleRate: rate, frameMilliseconds: 20, minimum: 0) == nil)
    }

    @Test("two encoders give one whole stream as long as one encoder's, whose join sounds like the rest",
          arguments: [48_000, 44_100])
    func spliceIsSeamless(rate: Int) throws {
        let samples = Self.signal(rate: rate)
        let split = try Self.encode(samples, rate: rate, twoCores: true)
        let single = try Self.encode(samples, rate: rate, twoCores: false)
        // Valid Ogg from end to end: every page's CRC, the page sequence and the end-of-stream page.
        #expect(try OggPageCheck.verify(split, path: "split.opus") > 2)
        try OggStreamCheck.verifyComplete(split, path: "split.opus")
        let splitDecoded = try Self.decode(split)
        let singleDecoded = try Self.decode(single)
        #expect(splitDecoded.declared == Self.length(samples.count, rate: rate))
        #expect(splitDecoded.samples.count == singleDecoded.samples.count)
        #expect(abs(split.count - single.count) < single.count / 50, "\(split.count) against \(single.count) bytes")

        // Before the join the first encoder's packets are the single encoder's: it ran on past the join, so it saw
        // what the single one saw. From the join the decoder meets the second encoder's packets with the first one's
        // state. After it, both streams are valid codings of the same signal that part where the encoders allot
        // their bits differently, so the test compares each with the signal itself (at 48 kHz, where it lines up
        // with the decoded samples): at the join, window by window, and over the whole second half.
        let plan = try #require(TwoCoreOpusEncoder.plan(count: samples.count, sampleRate: rate, frameMilliseconds: 20,
                                                        minimum: 0))
        let join = plan.join * 48_000 / rate
        let window = 960
        let before = stride(from: 0, to: join - window, by: window).map {
            Self.errorRMS(splitDecoded.samples, singleDecoded.samples, $0..<($0 + window))
        }
        #expect((before.max() ?? 1) < 1e-4)
        if rate == 48_000 {
            for start in stride(from: join - window, to: join + 12 * window, by: window) {
                let split = Self.errorRMS(splitDecoded.samples, samples, start..<(start + window))
                let single = Self.errorRMS(singleDecoded.samples, samples, start..<(start + window))
                #expect(split <= 1.1 * single + 0.005, "\(start - join) after the join: \(split) against \(single)")
            }
            let secondHalf = join..<(samples.count - window)
            let split = Self.errorRMS(splitDecoded.samples, samples, secondHalf)
            let single = Self.errorRMS(singleDecoded.samples, samples, secondHalf)
            #expect(split <= 1.05 * single, "second half: \(split) against \(single)")
        }
        // No step: the largest sample-to-sample change around the join is one the signal makes elsewhere.
        let around = Array(splitDecoded.samples[(join - 4_800)..<(join + 4_800)])
        let step = Splices.largestStep(in: around).step
        let ownStep = Splices.largestStep(in: singleDecoded.samples).step
        #expect(step <= ownStep, "step \(step) at the join, \(ownStep) in the single encoder's stream")
    }

    @Test("ffmpeg decodes the two-core stream to the exact length")
    func ffmpegReadsTheStream() throws {
        let rate = 44_100
        let directory = try TemporaryDirectory()
        let path = directory.file("split.opus")
        let samples = Self.signal(rate: rate)
        let bytes = try Self.encode(samples, rate: rate, twoCores: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let raw = directory.file("split.raw")
        _ = try ProcessRunner.checked("ffmpeg", ["-v", "error", "-i", path, "-f", "s16le", "-ar", "48000", raw])
        let size = try FileManager.default.attributesOfItem(atPath: raw)[.size] as? Int ?? 0
        #expect(size / 2 == Self.length(samples.count, rate: rate))
    }
}
