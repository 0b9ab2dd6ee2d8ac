import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("The rumble filter before measuring")
struct RumbleFilterTests {
    /// The gain, dB, the filter gives a steady sine at `frequency`, measured after it has settled.
    static func gain(at frequency: Double, sampleRate: Int) -> Double {
        var samples = Signals.sine(frequency: frequency, seconds: 2, sampleRate: sampleRate)
        var filter = RumbleFilter(sampleRate: sampleRate)
        _ = filter.apply(&samples)
        let settled = samples[(samples.count / 2)...]
        let rms = (settled.reduce(0) { $0 + Double($1 * $1) } / Double(settled.count)).squareRoot()
        return Decibels.fromLinear(rms / (0.5 / 2.0.squareRoot()))
    }

    @Test("−3 dB at 80 Hz, a voice's range untouched, rumble and hum taken off, at every input rate",
          arguments: [8_000, 22_050, 44_100, 48_000])
    func response(sampleRate: Int) {
        #expect(abs(Self.gain(at: 80, sampleRate: sampleRate) + 3.01) < 0.1)
        #expect(Self.gain(at: 20, sampleRate: sampleRate) < -23)
        #expect(Self.gain(at: 50, sampleRate: sampleRate) < -8.5)
        #expect(Self.gain(at: 150, sampleRate: sampleRate) > -0.4)
        #expect(abs(Self.gain(at: 1_000, sampleRate: sampleRate)) < 0.01)
    }

    @Test("a DC offset is removed, and a signal filtered in blocks is the signal filtered whole")
    func offsetAndBlocks() {
        let signal = Signals.sine(frequency: 440, seconds: 1, sampleRate: 48_000).map { $0 + 0.2 }
        var whole = signal
        var filter = RumbleFilter(sampleRate: 48_000)
        let peak = filter.apply(&whole)
        let tail = whole[24_000...]
        #expect(abs(tail.reduce(0, +) / Float(tail.count)) < 1e-3)
        #expect(peak == whole.map { abs($0) }.max())

        var blocks = RumbleFilter(sampleRate: 48_000)
        var pieces: [Float] = []
        for start in stride(from: 0, to: signal.count, by: 1_000) {
            var piece = Array(signal[start..<min(start + 1_000, signal.count)])
            _ = blocks.apply(&piece)
            pieces += piece
        }
        #expect(pieces == whole)
    }
}
