/// Brings mono broadcast audio to the target integrated loudness without letting its true peak pass the ceiling.
/// A plain gain is used when the peaks allow it; otherwise the look-ahead limiter holds the peaks down and the gain is
/// corrected until the measured loudness lands on the target (EBU R128's "limit, don't just turn down").
///
/// Only integrated loudness is measured here: true peak needs 4× oversampling and is checked once, on the final
/// signal, by `MediaEncoder` on the second core while the encoder runs.
public enum LoudnessNormaliser {
    /// Headroom kept below the ceiling for the overshoot Opus coding adds to peaks. Measured on encoded files at
    /// 24 kb/s: 0.6–0.7 dB on short speech, and on 10 minutes of speech still 1.3 dB over a limiter ceiling 1.0 dB
    /// down (the file's peak is the worst of thousands), so the first encode nearly always holds and `MediaEncoder`'s
    /// check of the encoded file rarely has to make it again.
    public static let codecMarginDB = 1.5
    /// Inter-sample peaks can exceed sample peaks; the limiter's sample ceiling sits this far below the target.
    static let intersampleMarginDB = 0.5

    /// The outcome, for the encode report.
    public struct Result: Sendable, Equatable {
        /// Gain still to be applied while encoding, dB (zero when the samples were already processed in place).
        public var pendingGainDB: Double
        /// Total gain relative to the input, dB.
        public var gainDB: Double
        /// Whether the limiter acted.
        public var limited: Bool
        /// Loudness of the result, LUFS (nil when unmeasurable).
        public var loudness: Double?
    }

    /// Decides the gain for `samples` measured at `loudness`, limiting in place when `peak` (dB; a true peak if
    /// `peakIsTrue`, else a sample peak) plus the gain would pass the ceiling less `headroomDB`.
    public static func normalise(
        _ samples: inout [Float], loudness: Double, peak: Double, peakIsTrue: Bool, options: EncodeOptions,
        headroomDB: Double = 0
    ) throws -> Result {
        guard loudness.isFinite else { return Result(pendingGainDB: 0, gainDB: 0, limited: false, loudness: nil) }
        let ceiling = options.truePeakCeiling - codecMarginDB - headroomDB
        var gain = min(options.targetLUFS - loudness, options.maxGainDB)
        let estimate = peak + (peakIsTrue ? 0 : intersampleMarginDB)
        if estimate + gain <= ceiling {
            return Result(pendingGainDB: gain, gainDB: gain, limited: false, loudness: loudness + gain)
        }
        let limiter = PeakLimiter(ceiling: Float(Decibels.linear(ceiling - intersampleMarginDB)))
        var output = [Float](repeating: 0, count: samples.count)
        var achieved = loudness
        var applied = gain
        for _ in 0..<5 {
            samples.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer {
                    _ = limiter.process(input, gain: Float(Decibels.linear(gain)), into: $0)
                }
            }
            achieved = try output.withUnsafeBufferPointer {
                try LoudnessMeter.integratedLoudness($0, format: .broadcast)
            }
            applied = gain
            let error = options.targetLUFS - achieved
            if abs(error) < 0.2 || gain >= options.maxGainDB { break }
            gain = min(gain + error, options.maxGainDB)
        }
        samples = output
        return Result(pendingGainDB: 0, gainDB: applied, limited: true, loudness: achieved.finiteOrNil)
    }
}
