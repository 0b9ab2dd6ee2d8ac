/// Brings mono broadcast audio to the target integrated loudness without letting its true peak pass the ceiling.
/// A plain gain is used when the peaks allow it; otherwise the look-ahead limiter holds the peaks down and the gain is
/// corrected until the measured loudness lands on the target (EBU R128's "limit, don't just turn down").
public enum LoudnessNormaliser {
    /// Headroom kept below the ceiling for the overshoot Opus coding adds to peaks.
    public static let codecMarginDB = 0.5
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
        /// True peak of the result, dBTP (nil when unmeasurable).
        public var truePeak: Double?
    }

    /// Decides the gain for `samples` measured at `loudness`/`truePeak`, limiting in place when needed.
    public static func normalise(
        _ samples: inout [Float], loudness: Double, truePeak: Double, options: EncodeOptions
    ) throws -> Result {
        guard loudness.isFinite else {
            return Result(pendingGainDB: 0, gainDB: 0, limited: false, loudness: nil,
                          truePeak: truePeak.finiteOrNil)
        }
        let ceiling = options.truePeakCeiling - codecMarginDB
        var gain = min(options.targetLUFS - loudness, options.maxGainDB)
        if truePeak + gain <= ceiling {
            return Result(pendingGainDB: gain, gainDB: gain, limited: false, loudness: loudness + gain,
                          truePeak: truePeak + gain)
        }
        var sampleCeiling = ceiling - intersampleMarginDB
        var best: (samples: [Float], result: Result)?
        for _ in 0..<5 {
            let factor = Float(Decibels.linear(gain))
            var candidate = samples.map { $0 * factor }
            PeakLimiter(ceiling: Float(Decibels.linear(sampleCeiling))).process(&candidate)
            let measured = try LoudnessMeter.measure(candidate, format: .broadcast)
            let result = Result(pendingGainDB: 0, gainDB: gain, limited: true, loudness: measured.lufs,
                                truePeak: measured.truePeak)
            let peakOK = measured.truePeak <= ceiling
            if peakOK { best = (candidate, result) }
            let error = options.targetLUFS - measured.lufs
            if peakOK && abs(error) < 0.2 { break }
            if !peakOK { sampleCeiling -= measured.truePeak - ceiling + 0.05 }
            gain = min(gain + error, options.maxGainDB)
        }
        if let best {
            samples = best.samples
            return best.result
        }
        // The limiter never met the ceiling (pathological input): fall back to turning the whole thing down.
        let safeGain = ceiling - truePeak
        return Result(pendingGainDB: safeGain, gainDB: safeGain, limited: false, loudness: loudness + safeGain,
                      truePeak: ceiling)
    }
}
