/// Brings mono audio (at the input's own rate: the encoder resamples) to the target integrated loudness without
/// letting its true peak pass the ceiling.
/// A plain gain is used when the peaks allow it; otherwise the look-ahead limiter holds the peaks down and the gain is
/// corrected until the measured loudness lands on the target (EBU R128's "limit, don't just turn down").
///
/// Only integrated loudness is measured here, on a second thread while the limiter runs: true peak needs 4×
/// oversampling and is checked once, on the encoded file as it is written, by `MediaEncoder` on the second core.
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

    /// Decides the gain for `samples` (at `sampleRate`) measured at `loudness`, limiting in place when `peak` (dB;
    /// a true peak if `peakIsTrue`, else a sample peak) plus the gain would pass the ceiling less `headroomDB`. A
    /// signal of at least `excerptFrom` samples (default: four minutes) searches the limiter's gain on an excerpt
    /// first.
    public static func normalise(
        _ samples: inout [Float], sampleRate: Int = 48_000, loudness: Double, peak: Double, peakIsTrue: Bool,
        options: EncodeOptions, headroomDB: Double = 0, excerptFrom: Int? = nil
    ) throws -> Result {
        try normalise(&samples, sampleRate: sampleRate, loudness: loudness, peak: peak, peakIsTrue: peakIsTrue,
                      options: options, headroomDB: headroomDB, excerptFrom: excerptFrom, firstPass: nil).result
    }

    /// `normalise`, also handing the whole signal's first limiter pass to `firstPass` in one-second pieces as they
    /// are limited, when the gain was searched on an excerpt (which makes that pass nearly always the last): the
    /// encoder can start on it before its loudness is known. `firstPass` is finished when that pass is the result
    /// (`firstPassKept`) and abandoned in every other case, so its consumer always learns when to stop.
    static func normalise(
        _ samples: inout [Float], sampleRate: Int = 48_000, loudness: Double, peak: Double, peakIsTrue: Bool,
        options: EncodeOptions, headroomDB: Double = 0, excerptFrom: Int? = nil, firstPass: ChunkQueue<[Float]>?
    ) throws -> (result: Result, firstPassKept: Bool) {
        defer { firstPass?.abandon() }
        guard loudness.isFinite else {
            return (Result(pendingGainDB: 0, gainDB: 0, limited: false, loudness: nil), false)
        }
        let ceiling = options.truePeakCeiling - codecMarginDB - headroomDB
        var gain = min(options.targetLUFS - loudness, options.maxGainDB)
        let estimate = peak + (peakIsTrue ? 0 : intersampleMarginDB)
        if estimate + gain <= ceiling {
            return (Result(pendingGainDB: gain, gainDB: gain, limited: false, loudness: loudness + gain), false)
        }
        let limiter = PeakLimiter(ceiling: Float(Decibels.linear(ceiling - intersampleMarginDB)),
                                  sampleRate: sampleRate)
        let format = AudioFormat(sampleRate: sampleRate, channels: 1)
        var slope: Double?
        var searchedExcerpt = false
        if samples.count >= excerptFrom ?? excerptMinimumSeconds * sampleRate,
           let found = try searchExcerpt(of: samples, aim: options.targetLUFS - loudness, from: gain,
                                         maxGainDB: options.maxGainDB, limiter: limiter, format: format,
                                         depth: excerptDepth) {
            gain = found.gain
            slope = found.slope
            searchedExcerpt = true
        }
        var output = uninitialised(samples.count)
        let found = try search(samples, from: gain, target: options.targetLUFS, maxGainDB: options.maxGainDB,
                               limiter: limiter, format: format, slope: slope,
                               firstPass: searchedExcerpt ? firstPass : nil, into: &output)
        samples = output
        let result = Result(pendingGainDB: 0, gainDB: found.gain, limited: true, loudness: found.loudness.finiteOrNil)
        return (result, found.firstPassKept)
    }

    /// Searches the limiter's gain on an excerpt of `samples`, after searching it on the excerpt's own excerpt while
    /// `depth` allows: each level costs a quarter of the one above it, and its result (gain and slope) makes the
    /// level above it land in one pass or two. Nil when the excerpt would be shorter than ten seconds or is silent.
    ///
    /// `aim` is the target less the whole signal's loudness: the gain an unlimited signal would need. An excerpt's
    /// own loudness differs from the whole's; the loss the limiter causes is what carries over, so every excerpt
    /// aims at its own loudness plus `aim`, which is why the excerpt's loudness is only needed for its own passes
    /// and is measured on another thread while the search on the excerpt's excerpt runs. It is searched to half the
    /// tolerance, so that what it leaves plus its difference from the whole stays within the whole's tolerance and
    /// the whole's first pass (the one encoded speculatively) is nearly always the last.
    static func searchExcerpt(
        of samples: [Float], aim: Double, from gain: Double, maxGainDB: Double, limiter: PeakLimiter,
        format: AudioFormat, depth: Int
    ) throws -> (gain: Double, slope: Double?)? {
        guard let excerpt = excerpt(of: samples, sampleRate: format.sampleRate) else { return nil }
        let measuring = BackgroundValue("cc-excerpt-lufs") {
            try excerpt.withUnsafeBufferPointer { try LoudnessMeter.integratedLoudness($0, format: format) }
        }
        var start: (gain: Double, slope: Double?) = (gain, nil)
        if depth > 0, let found = try searchExcerpt(of: excerpt, aim: aim, from: gain, maxGainDB: maxGainDB,
                                                    limiter: limiter, format: format, depth: depth - 1) {
            start = found
        }
        let excerptLoudness = try measuring.value
        guard excerptLoudness.isFinite else { return nil }
        let excerptTarget = excerptLoudness + aim
        var scratch = uninitialised(excerpt.count)
        let found = try search(excerpt, from: start.gain, target: excerptTarget, maxGainDB: maxGainDB,
                               limiter: limiter, format: format, slope: start.slope, tolerance: excerptTolerance,
                               into: &scratch)
        return (found.gain, found.slope)
    }

    /// Room for a limiter pass, which writes every sample before anything reads it: filling it with zeros first
    /// would cost a pass over memory before the encoder can start.
    static func uninitialised(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialised in initialised = count }
    }

    /// How many levels of excerpts below the first are searched before it: one, a sixteenth of the signal.
    static let excerptDepth = 1

    /// Limits `samples` at a gain stepped from `gain` until the measured loudness lands within `tolerance` LU of
    /// `target` (at most five passes), leaving the last pass in `output`. The limiter makes loudness grow more
    /// slowly than gain, so each step follows the slope measured between the last two passes (secant), or `slope`
    /// when only one pass has run, instead of the raw error: it usually lands on the second or third pass. The
    /// first pass is also handed to `firstPass`, finished if it lands and abandoned if not. Returns the gain of the
    /// last pass, its loudness, the last slope measured and whether the first pass was the last.
    static func search(
        _ samples: [Float], from start: Double, target: Double, maxGainDB: Double, limiter: PeakLimiter,
        format: AudioFormat = .broadcast, slope: Double? = nil, tolerance: Double = searchTolerance,
        firstPass: ChunkQueue<[Float]>? = nil, into output: inout [Float]
    ) throws -> (gain: Double, loudness: Double, slope: Double?, firstPassKept: Bool) {
        var gain = min(start, maxGainDB)
        var slope = slope
        var achieved = -Double.infinity
        var applied = gain
        var previous: (gain: Double, loudness: Double)?
        var passes = 0
        for pass in 0..<5 {
            achieved = try limitAndMeasure(samples, gain: gain, limiter: limiter, format: format, into: &output,
                                           alsoTo: pass == 0 ? firstPass : nil)
            applied = gain
            passes = pass + 1
            let error = target - achieved
            if abs(error) < tolerance || (gain >= maxGainDB && error > 0) { break }
            if pass == 0 { firstPass?.abandon() }
            if let previous, gain != previous.gain {
                let measured = (achieved - previous.loudness) / (gain - previous.gain)
                slope = measured > 0.05 ? measured : nil
            }
            previous = (gain, achieved)
            gain = min(gain + error / (slope ?? 1), maxGainDB)
        }
        let kept = passes == 1 && firstPass != nil
        if kept { firstPass?.finish() }
        return (applied, achieved, slope, kept)
    }

    /// How close to the target loudness the limiter's gain search lands, LU.
    static let searchTolerance = 0.2
    /// How close the search on an excerpt lands to its own target, LU.
    static let excerptTolerance = 0.1

    /// Signals at least this long, seconds, search the limiter's gain on an excerpt first.
    public static let excerptMinimumSeconds = 4 * 60

    /// A quarter of a signal, ten seconds out of every forty, on which the limiter's gain search costs a quarter as
    /// much; the whole signal then usually needs one pass. Nil when that leaves less than ten seconds.
    static func excerpt(of samples: [Float], sampleRate: Int = 48_000) -> [Float]? {
        guard samples.count >= 40 * sampleRate else { return nil }
        let piece = 10 * sampleRate
        var excerpt = [Float]()
        excerpt.reserveCapacity(samples.count / 4 + piece)
        var offset = 0
        while offset < samples.count {
            excerpt.append(contentsOf: samples[offset..<min(offset + piece, samples.count)])
            offset += 4 * piece
        }
        return excerpt
    }

    /// Limits `samples × gain` into `output` while a second thread measures the integrated loudness of what is
    /// already limited, so one pass of the gain search costs the slower of the two instead of both in turn. The
    /// same one-second pieces also go to `alsoTo` when given (the encoder, speculatively).
    static func limitAndMeasure(
        _ samples: [Float], gain: Double, limiter: PeakLimiter, format: AudioFormat = .broadcast,
        into output: inout [Float], alsoTo consumer: ChunkQueue<[Float]>? = nil
    ) throws -> Double {
        let queue = ChunkQueue<[Float]>(capacity: 32)
        let meter = BackgroundValue("cc-loudness") { () throws -> Double in
            // Drains the queue even if the meter fails, so the limiting thread never waits on a full queue.
            defer { while queue.take() != nil {} }
            let meter = try LoudnessMeter(format: format, truePeak: false)
            while let chunk = queue.take() { chunk.withUnsafeBufferPointer { meter.add($0) } }
            return meter.integratedLoudness
        }
        var handed = 0
        samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                let limited = buffer
                _ = limiter.process(input, gain: Float(Decibels.linear(gain)), into: limited,
                                    reportEvery: format.sampleRate) { finished in
                    let piece = Array(limited[handed..<finished])
                    queue.put(piece)
                    consumer?.put(piece)
                    handed = finished
                }
            }
        }
        queue.finish()
        return try meter.value
    }
}
