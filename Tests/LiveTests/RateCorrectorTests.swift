import AudioCodec
import Foundation
@testable import StreamInput
import Testing

/// The rate correction alone, in simulated time (no server, no wall clock, so no load can disturb it): a sender
/// 0.1 % fast or slow delivers 20 ms packets into a jitter buffer that the corrector empties one 20 ms period at a
/// time for 10 minutes. The integral part must bring the level back to the target, and a stream that is slowed down
/// (speexdsp taking fewer frames than it plays) must count no underrun.
@Suite("StreamInput: rate correction in simulated time")
struct RateCorrectorTests {
    /// What a simulated run saw after its first 10 s (lowest just after a period was taken, highest just before),
    /// and the level the corrector steers (just before a period is taken) and the mean correction over its last 60 s.
    struct Run {
        var low = Double.infinity
        var high = 0.0
        var lastLow = Double.infinity
        var lastHigh = 0.0
        var correction = 0.0
        var underrunFrames = 0
        /// Periods after the first 10 s in which the stream passed through without resampling.
        var passedThrough = 0
        /// How often the resampler started and stopped.
        var starts = 0
        var stops = 0
        /// With `keep`: everything the sender sent, and everything played.
        var sent: [Float] = []
        var played: [Float] = []
        /// The largest second difference of what was played after its first 1 000 frames (past the jitter buffer's
        /// fade-in): a click or a jump in time shows as one far above a tone's own.
        var worstSecondDifference: Float = 0
    }

    /// Runs `seconds` of a sender `ppm` off through the default settings. With `tone`, the sender's audio is a
    /// 1 kHz sine at half scale, and with `keep` the run keeps what was sent and played; `jumps` moves the sender
    /// ahead (positive) or behind (negative) by that many 20 ms packets at the given second, its audio continuous.
    private func simulate(ppm: Int, seconds: Int, tone: Bool = false, keep: Bool = false, jumps: [Int: Int] = [:])
        throws -> Run {
        let settings = JitterSettings()
        let buffer = JitterBuffer(settings: settings)
        let corrector = try #require(RateCorrector(settings: settings))
        var packet = [Float](repeating: 0.1, count: 960)
        var sent = 0
        var run = Run()
        let push = {
            if tone {
                for index in packet.indices {
                    packet[index] = Float(0.5 * sin(2 * .pi * 1_000 * Double(sent + index) / 48_000))
                }
                if keep { run.sent += packet }
            }
            packet.withUnsafeBufferPointer { buffer.push($0) }
            sent += 960
        }
        for _ in 0..<Int(settings.target * 50) { push() }
        buffer.start(keepingAtMost: settings.target)
        var output = [Float](repeating: 0, count: 960)
        var due = Double(sent)
        var previous: (Float, Float) = (0, 0)
        for period in 0..<(seconds * 50) {
            if period % 50 == 0, let jump = jumps[period / 50] { due += Double(jump * 960) }
            due += 960 * (1 + Double(ppm) / 1_000_000)
            while Double(sent + 960) <= due { push() }
            // The level the corrector steers: what the buffer holds when the audio thread comes for a period.
            let steered = buffer.level
            let wasResampling = corrector.isResampling
            let got = output.withUnsafeMutableBufferPointer { corrector.pull(from: buffer, into: $0) }
            run.underrunFrames += 960 - got
            if keep { run.played += output }
            if tone { track(output, period: period, in: &run, previous: &previous) }
            if corrector.isResampling != wasResampling {
                if corrector.isResampling { run.starts += 1 } else { run.stops += 1 }
            }
            let level = buffer.level
            if period >= 500 {
                run.low = min(run.low, level)
                run.high = max(run.high, steered)
                if !corrector.isResampling { run.passedThrough += 1 }
            }
            if period >= (seconds - 60) * 50 {
                run.lastLow = min(run.lastLow, steered)
                run.lastHigh = max(run.lastHigh, steered)
                run.correction += Double(corrector.ppm) / 3_000
            }
        }
        return run
    }

    /// Folds a period's second differences into `run.worstSecondDifference`, from the 1 000th frame played on.
    private func track(_ output: [Float], period: Int, in run: inout Run, previous: inout (Float, Float)) {
        for (index, sample) in output.enumerated() {
            if period * output.count + index >= 1_002 {
                run.worstSecondDifference = max(run.worstSecondDifference, abs(sample - 2 * previous.1 + previous.0))
            }
            previous = (previous.1, sample)
        }
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

    @Test("a sender on the site's own clock passes through untouched: no resampling, the samples as sent")
    func passesThroughOnTheSameClock() throws {
        let run = try simulate(ppm: 0, seconds: 120, tone: true, keep: true)
        print("same clock: passed through \(run.passedThrough) of \(110 * 50) periods, "
              + "resampler started \(run.starts) times")
        #expect(run.passedThrough == 110 * 50)
        #expect(run.starts == 0 && run.underrunFrames == 0)
        // After the jitter buffer's fade-in, what is played is a stretch of what was sent, sample for sample.
        let probe = run.played[1_000..<1_016]
        let offset = try #require((0..<(run.sent.count - probe.count)).first {
            run.sent[$0..<($0 + probe.count)] == probe
        })
        let length = min(run.played.count - 1_000, run.sent.count - offset)
        #expect(length > 100 * 48_000)
        let same = run.played[1_000..<(1_000 + length)].elementsEqual(run.sent[offset..<(offset + length)])
        #expect(same, "what was played differs from what was sent")
    }

    @Test("the resampler starts and stops as the level is pushed off the target and comes back, without a click")
    func handsOverSmoothly() throws {
        // The sender jumps 40 ms ahead or behind every 100 s (a burst, a late page); its audio stays continuous.
        let run = try simulate(ppm: 0, seconds: 600, tone: true, jumps: [60: 2, 160: -4, 260: 2, 360: 2, 460: -2])
        let tone = 4 * 0.5 * pow(sin(Float.pi * 1_000 / 48_000), 2)
        let worst = run.worstSecondDifference
        print("hand-overs: \(run.starts) starts, \(run.stops) stops, passed through \(run.passedThrough) of "
              + "\(590 * 50) periods, largest second difference \(worst) (the tone's own \(tone)), "
              + "underrun \(run.underrunFrames) frames")
        #expect(run.starts >= 3 && run.stops >= 3)
        #expect(run.underrunFrames == 0)
        #expect(worst <= tone * 1.25, "\(worst) against the tone's \(tone)")
    }

    @Test("a stream that goes on air 40 ms off the target is corrected, then passes through again")
    func releasesAfterTheStart() throws {
        // As on a real relay: the level the buffer starts at sits 20-40 ms off the target once pages arrive.
        let run = try simulate(ppm: 0, seconds: 300, jumps: [1: -2])
        print("start 40 ms behind: \(run.starts) starts, \(run.stops) stops, passed through \(run.passedThrough) of "
              + "\(290 * 50) periods, last 60 s \(run.lastLow)–\(run.lastHigh) s")
        #expect(run.starts >= 1 && run.stops == run.starts)
        #expect(run.passedThrough >= 290 * 50 / 2)
        #expect(run.underrunFrames == 0)
    }

    @Test("a sender 0.1 % fast keeps the resampler running once it has engaged")
    func driftKeepsResampling() throws {
        let run = try simulate(ppm: 1_000, seconds: 300)
        print("1 000 ppm: \(run.starts) starts, \(run.stops) stops, passed through \(run.passedThrough) periods")
        #expect(run.starts == 1 && run.stops == 0)
    }

    /// Signal to distortion of a tone taken through the corrector's resampler at its strongest correction, in dB: the
    /// output is fitted with a sine at the shifted frequency, and what the fit leaves is what resampling added.
    private func toneFidelity(frequency: Double) throws -> Double {
        let ppm = JitterSettings().maxAdjustmentPPM
        let resampler = try SpeexResampler(channels: 1, from: 48_000, to: 48_000, quality: RateCorrector.quality)
        try resampler.adjustRate(speedPPM: ppm)
        let input = (0..<(3 * 48_000)).map { Float(0.5 * sin(2 * .pi * frequency * Double($0) / 48_000)) }
        var output: [Float] = []
        var chunk = [Float](repeating: 0, count: 960)
        var offset = 0
        while offset < input.count {
            let (consumed, produced) = input.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer {
                    resampler.convert(UnsafeBufferPointer(rebasing: source[offset...]), into: $0)
                }
            }
            output += chunk[0..<produced]
            offset += consumed
            if consumed == 0 && produced == 0 { break }
        }
        try #require(output.count >= 2 * 48_000)
        let shifted = frequency * (1 + Double(ppm) / 1_000_000)
        let window = (48_000..<(2 * 48_000)).map { Double(output[$0]) }
        let phase = window.indices.map { 2 * .pi * shifted * Double($0) / 48_000 }
        // Least squares on cos and sin: the normal equations of a 2-column fit.
        let (cc, ss, cs) = phase.reduce((0.0, 0.0, 0.0)) {
            ($0.0 + cos($1) * cos($1), $0.1 + sin($1) * sin($1), $0.2 + cos($1) * sin($1))
        }
        let (yc, ys) = zip(window, phase).reduce((0.0, 0.0)) { ($0.0 + $1.0 * cos($1.1), $0.1 + $1.0 * sin($1.1)) }
        let determinant = cc * ss - cs * cs
        let a = (yc * ss - ys * cs) / determinant
        let b = (ys * cc - yc * cs) / determinant
        var fitted = 0.0
        var residual = 0.0
        for (sample, angle) in zip(window, phase) {
            let tone = a * cos(angle) + b * sin(angle)
            fitted += tone * tone
            residual += (sample - tone) * (sample - tone)
        }
        return 10 * log10(fitted / residual)
    }

    @Test("the correction's resampler, at its strongest, keeps a tone at least 70 dB above what it adds",
          arguments: [1_000.0, 5_000.0, 10_000.0])
    func resamplingIsClean(frequency: Double) throws {
        let fidelity = try toneFidelity(frequency: frequency)
        print("rate correction, quality \(RateCorrector.quality), \(Int(frequency)) Hz: \(fidelity) dB")
        #expect(fidelity >= 70, "\(fidelity) dB")
    }
}
