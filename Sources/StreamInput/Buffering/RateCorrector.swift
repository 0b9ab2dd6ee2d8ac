import AudioCodec
#if canImport(Glibc)
import Glibc
#endif

/// Holds a stream's jitter buffer near its target against a sender whose clock runs a little fast or slow: the
/// audio thread takes the stream through speexdsp's resampler, whose ratio is nudged (at most `maxAdjustmentPPM`)
/// by how far the buffer's smoothed level is from the target (proportional) and for how long (integral). Without it
/// the delay of a relay would creep by 3.6 s an hour at 0.1 %, until the buffer overflowed and dropped audio. Used on
/// the audio thread only, under the reader's lock.
final class RateCorrector: @unchecked Sendable {
    private let resampler: SpeexResampler
    private let settings: JitterSettings
    private var staging = [Float](repeating: 0, count: 8_192)
    private var staged = 0
    private var smoothedLevel: Double
    /// The part of the correction that has learnt the sender's steady drift, parts per million.
    private var integral = 0.0
    /// The speed-up now applied, parts per million (negative: slowed down).
    private(set) var ppm = 0

    /// speexdsp's quality for the correction: 1, a 16-tap filter. At a ratio a few hundred ppm off 1 speexdsp
    /// interpolates its filter (four products a tap), so this is most of a relay's CPU besides the decoder; quality 3
    /// (48 taps) took 30 % of the site's CPU in a relay (BENCHMARKS.md, issue 18 stage 5). Quality 1 keeps a tone
    /// 75 dB above what the resampling adds (`RateCorrectorTests`), far below the noise of 32 kbit/s Opus.
    static let quality: Int32 = 1

    /// A corrector at the nominal rate; nil if speexdsp cannot be set up.
    init?(settings: JitterSettings) {
        guard let resampler = try? SpeexResampler(channels: 1, from: 48_000, to: 48_000, quality: Self.quality) else {
            return nil
        }
        self.resampler = resampler
        self.settings = settings
        smoothedLevel = settings.target
    }

    /// Fills `output` from `buffer` at the corrected rate; returns the frames of `output` that carry stream audio,
    /// so the caller counts as underrun only the silence the buffer gave for want of data (slowed down, the
    /// resampler takes fewer frames than it gives: those are no underrun).
    func pull(from buffer: JitterBuffer, into output: UnsafeMutableBufferPointer<Float>) -> Int {
        steer(level: buffer.level, seconds: Double(output.count) / 48_000)
        let wanted = min(staging.count - staged, output.count + output.count / 10 + 16 - staged)
        var audio = 0
        if wanted > 0 {
            let start = staged
            audio = staging.withUnsafeMutableBufferPointer {
                buffer.pull(into: UnsafeMutableBufferPointer(rebasing: $0[start..<(start + wanted)]))
            }
            staged += wanted
        }
        let (consumed, produced) = staging.withUnsafeBufferPointer {
            resampler.convert(UnsafeBufferPointer(rebasing: $0[0..<staged]), into: output)
        }
        if consumed > 0 {
            let remaining = staged - consumed
            staging.withUnsafeMutableBufferPointer { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, remaining * MemoryLayout<Float>.stride)
            }
            staged -= consumed
        }
        if produced < output.count {
            UnsafeMutableBufferPointer(rebasing: output[produced...]).update(repeating: 0)
        }
        return max(0, produced - (wanted > 0 ? wanted - audio : 0))
    }

    /// Moves the ratio toward what the smoothed level asks. The proportional part gives full speed-up halfway from
    /// the target to `high` and full slow-down halfway to `low`; the integral part slowly takes over a steady drift,
    /// so the level settles back at the target (the band's middle) instead of a quarter of the band off it, which
    /// leaves the most room for a late page or a late period either way. The integral only moves while the
    /// proportional part is inside its limit (no wind-up through an underrun or a burst), and its time constant
    /// (4 / gain) keeps the loop critically damped at any limit.
    private func steer(level: Double, seconds: Double) {
        smoothedLevel += (level - smoothedLevel) * min(1, seconds / 2)
        let error = smoothedLevel - settings.target
        let span = max((error > 0 ? settings.high - settings.target : settings.target - settings.low) / 2, 0.001)
        let limit = Double(settings.maxAdjustmentPPM)
        let proportional = error / span * limit
        if abs(proportional) < limit {
            let gain = limit / span / 1_000_000
            integral = max(-limit, min(limit, integral + proportional * seconds * gain / 4))
        }
        let wanted = Int(max(-limit, min(limit, proportional + integral)))
        guard abs(wanted - ppm) >= 20 || (wanted == 0 && ppm != 0) else { return }
        if (try? resampler.adjustRate(speedPPM: wanted)) != nil { ppm = wanted }
    }
}
