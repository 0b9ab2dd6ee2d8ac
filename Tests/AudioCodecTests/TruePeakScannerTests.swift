import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("True peak measured only where it can lie")
struct TruePeakScannerTests {
    /// Speech-like bursts, a sine whose peaks fall between samples, isolated clicks with the largest possible
    /// overshoot (alternating signs around one spot) near block edges, and loud and quiet halves.
    static func signals() -> [(String, [Float])] {
        var clicks = Signals.speechLike(seconds: 3, sampleRate: 48_000, peak: 0.2)
        for (index, centre) in [255, 1_030, 50_000, 100_093].enumerated() {
            for offset in -6...6 { clicks[centre + offset] = (offset % 2 == 0 ? 0.3 : -0.3) + Float(index) * 0.01 }
        }
        // A 12 kHz sine at 45°: every sample is at 0.707 of the amplitude, the peak between them.
        let between = (0..<96_000).map { (index: Int) -> Float in
            let phase = Double(index) * Double.pi / 2 + Double.pi / 4
            return Float(0.9 * sin(phase))
        }
        let halves = Signals.speechLike(seconds: 2, sampleRate: 48_000, peak: 0.9)
            + Signals.speechLike(seconds: 2, sampleRate: 48_000, peak: 0.05)
        return [
            ("speech", Signals.speechLike(seconds: 6, sampleRate: 48_000, peak: 0.8)), ("clicks", clicks),
            ("between samples", between), ("loud then quiet", halves),
            ("quiet then loud", Array(halves.reversed())), ("silence", [Float](repeating: 0, count: 10_000)),
        ]
    }

    @Test("gives exactly the full pass's true peak, whole or streamed in pieces of any size")
    func matchesFullPass() throws {
        for (name, samples) in Self.signals() {
            let full = try samples.withUnsafeBufferPointer { try LoudnessMeter.truePeak($0, format: .broadcast) }
            let whole = try samples.withUnsafeBufferPointer { try TruePeakScanner.truePeak($0) }
            #expect(whole == full, "\(name): \(whole) against \(full)")
            for piece in [7, 960, 5_760, 100_000] {
                let scanner = try TruePeakScanner()
                for start in stride(from: 0, to: samples.count, by: piece) {
                    samples[start..<min(samples.count, start + piece)].withUnsafeBufferPointer { scanner.add($0) }
                }
                let streamed = scanner.finish()
                #expect(streamed == full, "\(name) in pieces of \(piece): \(streamed) against \(full)")
            }
        }
    }

    @Test("a known sample peak given up front changes nothing but the work")
    func knownSamplePeak() throws {
        let samples = Signals.speechLike(seconds: 4, sampleRate: 48_000, peak: 0.7)
        let full = try samples.withUnsafeBufferPointer { try LoudnessMeter.truePeak($0, format: .broadcast) }
        let peak = samples.map { abs($0) }.max()!
        let hinted = try samples.withUnsafeBufferPointer { try TruePeakScanner.truePeak($0, atLeast: peak) }
        #expect(hinted == full)
        #expect(full >= 20 * log10(Double(peak)) && full < 0)
    }
}
