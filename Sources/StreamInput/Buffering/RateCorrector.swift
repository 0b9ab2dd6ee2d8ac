import AudioCodec
#if canImport(Glibc)
import Glibc
#endif

/// Holds a stream's jitter buffer near its target against a sender whose clock runs a little fast or slow: when the
/// level is off, the audio thread takes the stream through speexdsp's resampler, whose ratio is nudged (at most
/// `maxAdjustmentPPM`) by how far the buffer's smoothed level is from the target (proportional) and for how long
/// (integral); otherwise the stream passes through untouched. Without it the delay of a relay would creep by 3.6 s an
/// hour at 0.1 %, until the buffer overflowed and dropped audio. Used on the audio thread only, under the reader's
/// lock.
final class RateCorrector: @unchecked Sendable {
    private let resampler: SpeexResampler
    private let settings: JitterSettings
    /// Input taken from the jitter buffer and not yet played; the next frame played is `staging[0]`.
    private var staging = [Float](repeating: 0, count: 8_192)
    private var staged = 0
    /// Frames at the front of `staging` that the resampler already holds (its look-ahead); 0 while passing through
    /// and right after a restart.
    private var fed = 0
    /// The resampler's look-ahead at a ratio of exactly 1, frames: fed this far past a frame, it gives that frame.
    private let lookahead: Int
    /// Whether the resampler runs (a correction is applied); otherwise the stream passes through untouched.
    private var resampling = false
    /// The other path's first frames during a hand-over between passing through and resampling.
    private var handOver = [Float](repeating: 0, count: RateCorrector.handOverFrames)
    /// The last `lookahead` frames passed through: the resampler's history when it starts again.
    private var played: [Float]
    private var smoothedLevel: Double
    /// The part of the correction that has learnt the sender's steady drift, parts per million.
    private var integral = 0.0
    /// The speed-up now applied, parts per million (negative: slowed down); 0 while passing through.
    private(set) var ppm = 0

    /// speexdsp's quality for the correction: 1, a 16-tap filter. At a ratio a few hundred ppm off 1 speexdsp
    /// interpolates its filter (four products a tap), so this is most of a relay's CPU besides the decoder; quality 3
    /// (48 taps) took 30 % of the site's CPU in a relay (BENCHMARKS.md, issue 18 stage 5). Quality 1 keeps a tone
    /// 75 dB above what the resampling adds (`RateCorrectorTests`), far below the noise of 32 kbit/s Opus.
    static let quality: Int32 = 1
    /// While the stream passes through, a correction smaller than this share of the limit (500 ppm at the default
    /// 2 000) is not applied: the resampler (15 % of a relay's CPU) starts only once the level is about 20–25 ms off
    /// the target (at the default band), far inside the band. A sender on the site's own clock then costs no
    /// resampling; one that drifts starts it within minutes, and its integral keeps it running (below).
    static let engageShare = 0.25
    /// Once applied, a correction below this share of the limit (40 ppm) is released and the stream passes through
    /// again; so is one whose proportional part is below it (the level is back at the target) while the integral
    /// is below `engageShare`. A drift of a quarter of the limit or more keeps the resampler running, as it must; a
    /// smaller one is corrected in turns, passing through while the level wanders back out to the engage mark.
    static let releaseShare = 0.02
    /// The crossfade between the two paths when the resampler starts or stops (5 ms): its filter is not the identity,
    /// and at a ratio off 1 its next frame lies up to a frame from the next stream frame, so a hard switch could step.
    static let handOverFrames = 240

    /// A corrector at the nominal rate, passing through; nil if speexdsp cannot be set up.
    init?(settings: JitterSettings) {
        guard let resampler = try? SpeexResampler(channels: 1, from: 48_000, to: 48_000, quality: Self.quality) else {
            return nil
        }
        self.resampler = resampler
        self.settings = settings
        lookahead = resampler.inputLatency
        played = [Float](repeating: 0, count: lookahead)
        smoothedLevel = settings.target
    }

    /// Whether the resampler is running, for tests.
    var isResampling: Bool { resampling }

    /// Fills `output` from `buffer` at the corrected rate; returns the frames of `output` that carry stream audio,
    /// so the caller counts as underrun only the silence the buffer gave for want of data (slowed down, the
    /// resampler takes fewer frames than it gives: those are no underrun).
    func pull(from buffer: JitterBuffer, into output: UnsafeMutableBufferPointer<Float>) -> Int {
        steer(level: buffer.level, seconds: Double(output.count) / 48_000)
        let wanted = min(staging.count - staged, output.count + output.count / 10 + 16 + lookahead - staged)
        var audio = 0
        if wanted > 0 {
            let start = staged
            audio = staging.withUnsafeMutableBufferPointer {
                buffer.pull(into: UnsafeMutableBufferPointer(rebasing: $0[start..<(start + wanted)]))
            }
            staged += wanted
        }
        let produced: Int
        switch (resampling, ppm != 0) {
        case (false, false):
            produced = passThrough(into: output)
        case (true, true):
            produced = resample(into: output)
        case (false, true):
            produced = startResampling(into: output)
        case (true, false):
            produced = stopResampling(into: output)
        }
        if produced < output.count {
            UnsafeMutableBufferPointer(rebasing: output[produced...]).update(repeating: 0)
        }
        return max(0, produced - (wanted > 0 ? wanted - audio : 0))
    }

    /// Copies the next frames straight to `output`, remembering the last `lookahead` of them for a restart.
    private func passThrough(into output: UnsafeMutableBufferPointer<Float>) -> Int {
        let count = min(output.count, staged)
        let keep = lookahead
        staging.withUnsafeBufferPointer { source in
            _ = output.update(fromContentsOf: UnsafeBufferPointer(rebasing: source[0..<count]))
            played.withUnsafeMutableBufferPointer { recent in
                let fresh = min(count, keep)
                if fresh < keep {
                    _ = memmove(recent.baseAddress!, recent.baseAddress! + fresh,
                                (keep - fresh) * MemoryLayout<Float>.stride)
                }
                _ = UnsafeMutableBufferPointer(rebasing: recent[(keep - fresh)...])
                    .update(fromContentsOf: UnsafeBufferPointer(rebasing: source[(count - fresh)..<count]))
            }
        }
        drop(count)
        return count
    }

    /// Runs the resampler over the staged frames it has not taken yet.
    private func resample(into output: UnsafeMutableBufferPointer<Float>) -> Int {
        let start = fed
        let (consumed, produced) = staging.withUnsafeBufferPointer {
            resampler.convert(UnsafeBufferPointer(rebasing: $0[start..<staged]), into: output)
        }
        // Keep the look-ahead the resampler holds: at a ratio of 1 its next frame is `staging[0]` after this.
        drop(max(0, start + consumed - lookahead))
        fed = min(staged, lookahead)
        return produced
    }

    /// Restarts the resampler at a ratio of 1 with the frames last played as its history, so that its next frame is
    /// `staging[0]` exactly and filtered against what was heard; then sets the correction and fades the resampler in
    /// over the frames passed through.
    private func startResampling(into output: UnsafeMutableBufferPointer<Float>) -> Int {
        let history = lookahead
        let primed: Bool = handOver.withUnsafeMutableBufferPointer { scratch in
            guard (try? resampler.restart(speedPPM: 0)) != nil else { return false }
            // The history goes in first: with the look-ahead that follows from `staging`, it comes out as the
            // scratch's `history` frames, which are dropped; the next frame out is then `staging[0]`.
            let fromHistory = played.withUnsafeBufferPointer {
                resampler.convert($0, into: UnsafeMutableBufferPointer(rebasing: scratch[0..<history]))
            }
            let rest = history - fromHistory.produced
            let fromStaging = staging.withUnsafeBufferPointer {
                resampler.convert(UnsafeBufferPointer(rebasing: $0[0..<staged]),
                                  into: UnsafeMutableBufferPointer(rebasing: scratch[0..<rest]))
            }
            fed = fromStaging.consumed
            return fromHistory.consumed == history && fromStaging.produced == rest
                && (try? resampler.adjustRate(speedPPM: ppm)) != nil
        }
        guard primed, fed == lookahead else {
            ppm = 0
            fed = 0
            return passThrough(into: output)
        }
        let fade = min(Self.handOverFrames, output.count, staged)
        handOver.withUnsafeMutableBufferPointer { saved in
            staging.withUnsafeBufferPointer {
                _ = saved.update(fromContentsOf: UnsafeBufferPointer(rebasing: $0[0..<fade]))
            }
        }
        resampling = true
        let produced = resample(into: output)
        crossfade(from: handOver, into: output, frames: min(fade, produced))
        return produced
    }

    /// Passes through from `staging[0]`, fading out the resampler's next frames at its present ratio (they are at
    /// most a frame off `staging[0]`, which the crossfade glides over instead of jumping).
    private func stopResampling(into output: UnsafeMutableBufferPointer<Float>) -> Int {
        resampling = false
        let fade = min(Self.handOverFrames, output.count)
        let start = fed
        let fading = handOver.withUnsafeMutableBufferPointer { saved in
            staging.withUnsafeBufferPointer {
                resampler.convert(UnsafeBufferPointer(rebasing: $0[start..<staged]),
                                  into: UnsafeMutableBufferPointer(rebasing: saved[0..<fade])).produced
            }
        }
        fed = 0
        let produced = passThrough(into: output)
        crossfade(from: handOver, into: output, frames: min(fading, produced))
        return produced
    }

    /// Mixes `first` (fading out) into `output` (fading in) over its first `frames` frames.
    private func crossfade(from first: [Float], into output: UnsafeMutableBufferPointer<Float>, frames: Int) {
        for frame in 0..<frames {
            let weight = Float(frame + 1) / Float(frames + 1)
            output[frame] = first[frame] * (1 - weight) + output[frame] * weight
        }
    }

    /// Forgets the first `count` staged frames.
    private func drop(_ count: Int) {
        guard count > 0 else { return }
        let remaining = staged - count
        staging.withUnsafeMutableBufferPointer { raw in
            _ = memmove(raw.baseAddress!, raw.baseAddress! + count, remaining * MemoryLayout<Float>.stride)
        }
        staged = remaining
    }

    /// Moves the ratio toward what the smoothed level asks. The proportional part gives full speed-up halfway from
    /// the target to `high` and full slow-down halfway to `low`; the integral part slowly takes over a steady drift,
    /// so the level settles back at the target (the band's middle) instead of a quarter of the band off it, which
    /// leaves the most room for a late page or a late period either way. The integral only moves while a
    /// correction is applied and the proportional part is inside its limit (no wind-up while passing through,
    /// through an underrun or a burst), and its time constant (4 / gain) keeps the loop critically damped at any
    /// limit. While passing through, a correction starts only beyond `engageShare` of the limit; once applied, it
    /// stops as `releaseShare` says.
    private func steer(level: Double, seconds: Double) {
        smoothedLevel += (level - smoothedLevel) * min(1, seconds / 2)
        let error = smoothedLevel - settings.target
        let span = max((error > 0 ? settings.high - settings.target : settings.target - settings.low) / 2, 0.001)
        let limit = Double(settings.maxAdjustmentPPM)
        let proportional = error / span * limit
        if ppm != 0, abs(proportional) < limit {
            let gain = limit / span / 1_000_000
            integral = max(-limit, min(limit, integral + proportional * seconds * gain / 4))
        }
        var wanted = Int(max(-limit, min(limit, proportional + integral)))
        let engage = limit * Self.engageShare
        let release = limit * Self.releaseShare
        if ppm == 0 {
            if Double(abs(wanted)) < engage { wanted = 0 }
        } else if Double(abs(wanted)) < release || (abs(proportional) < release && abs(integral) < engage) {
            // Back at the target with less in the integral than the engage mark: most likely what a start left
            // there (the level 20-30 ms off as a stream goes on air), which would take minutes to unwind. A real
            // drift that small is corrected again once the level wanders out to the engage mark.
            wanted = 0
        }
        guard abs(wanted - ppm) >= 20 || (wanted == 0 && ppm != 0) else { return }
        if wanted == 0 {
            ppm = 0
        } else if !resampling || (try? resampler.adjustRate(speedPPM: wanted)) != nil {
            ppm = wanted
        }
    }
}
