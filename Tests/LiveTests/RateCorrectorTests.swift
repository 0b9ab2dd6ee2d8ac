@testable import StreamInput
import Testing

/// The rate correction alone, in simulated time (no server, no wall clock, so no load can disturb it): a sender
/// 0.1 % fast or slow delivers 20 ms packets into a jitter buffer that the corrector empties one 20 ms period at a
/// time for 10 minutes. The integral part must bring the level back to the target, and a stream that is slowed down
/// (speexdsp taking fewer frames than it plays) must count no underrun.
@Suite("StreamInput: rate correction in simulated time")
struct RateCorrectorTests {
    /// What a simulated run saw after its first 10 s, and the level and the mean correction over its last 60 s.
    struct Run {
        var low = Double.infinity
        var high = 0.0
        var lastLow = Double.infinity
        var lastHigh = 0.0
        var correction = 0.0
        var underrunFrames = 0
    }

    /// Runs `seconds` of a sender `ppm` off through the default settings.
    private func simulate(ppm: Int, seconds: Int) throws -> Run {
        let settings = JitterSettings()
        let buffer = JitterBuffer(settings: settings)
        let corrector = try #require(RateCorrector(settings: settings))
        let packet = [Float](repeating: 0.1, count: 960)
        let push = { packet.withUnsafeBufferPointer { buffer.push($0) } }
        for _ in 0..<Int(settings.target * 50) { push() }
        buffer.start(keepingAtMost: settings.target)
        var output = [Float](repeating: 0, count: 960)
        var due = 0.0
        var sent = 0
        var run = Run()
        for period in 0..<(seconds * 50) {
            due += 960 * (1 + Double(ppm) / 1_000_000)
            while Double(sent + 960) <= due {
                push()
                sent += 960
            }
            let got = output.withUnsafeMutableBufferPointer { corrector.pull(from: buffer, into: $0) }
            run.underrunFrames += 960 - got
            let level = buffer.level
            if period >= 500 {
                run.low = min(run.low, level)
                run.high = max(run.high, level)
            }
            if period >= (seconds - 60) * 50 {
                run.lastLow = min(run.lastLow, level)
                run.lastHigh = max(run.lastHigh, level)
                run.correction += Double(corrector.ppm) / 3_000
            }
        }
        return run
    }

    @Test("0.1 % fast or slow for 10 minutes: in the band, no underrun, back at the target, correction near the drift",
          arguments: [1_000, -1_000])
    func settlesAtTheTarget(ppm: Int) throws {
        let run = try simulate(ppm: ppm, seconds: 600)
        let band = JitterSettings()
        print("simulated \(ppm) ppm: buffer \(run.low)–\(run.high) s, last 60 s \(run.lastLow)–\(run.lastHigh) s, "
              + "mean correction \(Int(run.correction)) ppm, underrun \(run.underrunFrames) frames")
        #expect(run.low >= band.low && run.high <= band.high)
        #expect(run.underrunFrames == 0)
        #expect(run.lastLow >= band.target - 0.03 && run.lastHigh <= band.target + 0.03)
        #expect(abs(run.correction - Double(ppm)) <= 150)
    }
}
