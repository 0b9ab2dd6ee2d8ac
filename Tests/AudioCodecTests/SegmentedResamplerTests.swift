import CommuneCastTesting
import Testing

@testable import AudioCodec

@Suite("Resampling on two cores")
struct SegmentedResamplerTests {
    /// What one `SpeexResampler` makes of `input`, and what a `SegmentedResampler` cutting `segmentSeconds` makes
    /// of it when the input comes in uneven pieces, as a decoder hands it over.
    static func convert(_ input: [Float], rate: Int, segmentSeconds: Double) throws
        -> (single: [Float], segmented: [Float]) {
        var single: [Float] = []
        let one = try SpeexResampler(channels: 1, from: rate, to: 48_000)
        input.withUnsafeBufferPointer { one.process($0, into: &single) }
        one.flush(into: &single)
        var segmented: [Float] = []
        let resampler = try SegmentedResampler(from: rate, to: 48_000, segmentSeconds: segmentSeconds)
        var offset = 0
        var piece = 1_000
        while offset < input.count {
            let end = min(input.count, offset + piece)
            try input[offset..<end].withUnsafeBufferPointer { try resampler.process($0, into: &segmented) }
            offset = end
            piece = piece * 7 % 9_973 + 500
        }
        try resampler.flush(into: &segmented)
        return (single, segmented)
    }

    @Test("segments give sample for sample what one resampler gives, at the rates recordings come in",
          arguments: [8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 88_200, 96_000])
    func sameAsOneResampler(rate: Int) throws {
        let input = Signals.sweep(from: 50, to: Double(rate) / 2.2, seconds: 3.3, sampleRate: rate, amplitude: 0.8)
        let converted = try Self.convert(input, rate: rate, segmentSeconds: 0.1)
        #expect(converted.segmented.count == converted.single.count)
        #expect(converted.single.count == Int((Double(input.count) * 48_000 / Double(rate)).rounded()))
        let identical = converted.segmented == converted.single
        #expect(identical)
    }

    @Test("an input shorter than one segment, or than two, is converted as one resampler converts it",
          arguments: [0.05, 0.15, 0.25])
    func shortInput(seconds: Double) throws {
        let input = Signals.sweep(from: 100, to: 15_000, seconds: seconds, sampleRate: 44_100)
        let converted = try Self.convert(input, rate: 44_100, segmentSeconds: 0.1)
        let identical = converted.segmented == converted.single
        #expect(identical)
        #expect(!converted.segmented.isEmpty)
    }
}
