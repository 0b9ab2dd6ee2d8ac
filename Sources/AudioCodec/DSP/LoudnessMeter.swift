import CEBUR128

/// EBU R128 integrated loudness and true peak with libebur128.
public final class LoudnessMeter {
    private var state: UnsafeMutablePointer<ebur128_state>?
    private let channels: Int

    /// Creates a meter for interleaved audio in `format`. True peak needs 4× oversampling and costs several times
    /// as much as integrated loudness, so callers that only need loudness leave it off; `TruePeakScanner` leaves
    /// loudness off. `shortTerm` adds the 3 s window a live leveller steers by, and keeps the integrated measure in
    /// libebur128's fixed histogram, so hours of live input cost no more memory than a minute.
    public init(format: AudioFormat, truePeak: Bool = true, loudness: Bool = true, shortTerm: Bool = false) throws {
        channels = format.channels
        let mode = Int32(
            (loudness ? EBUR128_MODE_I.rawValue : 0) | (truePeak ? EBUR128_MODE_TRUE_PEAK.rawValue : 0)
                | (shortTerm ? EBUR128_MODE_S.rawValue | EBUR128_MODE_HISTOGRAM.rawValue : 0)
        )
        state = ebur128_init(UInt32(format.channels), UInt(format.sampleRate), mode)
        guard state != nil else {
            throw MediaError.library(function: "ebur128_init", code: -1, message: "could not allocate the meter")
        }
    }

    deinit { ebur128_destroy(&state) }

    /// Feeds interleaved samples.
    public func add(_ samples: UnsafeBufferPointer<Float>) {
        guard samples.count >= channels else { return }
        ebur128_add_frames_float(state, samples.baseAddress, samples.count / channels)
    }

    /// Integrated loudness in LUFS; -infinity when the audio is silent or shorter than one 400 ms block.
    public var integratedLoudness: Double {
        var value = -Double.infinity
        ebur128_loudness_global(state, &value)
        return value
    }

    /// Loudness of the last 3 s in LUFS (EBU R128 short-term); -infinity for silence or without `shortTerm`.
    public var shortTermLoudness: Double {
        var value = -Double.infinity
        guard ebur128_loudness_shortterm(state, &value) == 0 else { return -.infinity }
        return value
    }

    /// The highest true (inter-sample) peak over all channels, in dBTP.
    public var truePeak: Double {
        var highest = 0.0
        for channel in 0..<channels {
            var peak = 0.0
            ebur128_true_peak(state, UInt32(channel), &peak)
            highest = max(highest, peak)
        }
        return Decibels.fromLinear(highest)
    }

    /// The highest true peak over all channels of the samples passed to the last `add`, linear (1 is 0 dBTP).
    var lastTruePeak: Double {
        var highest = 0.0
        for channel in 0..<channels {
            var peak = 0.0
            ebur128_prev_true_peak(state, UInt32(channel), &peak)
            highest = max(highest, peak)
        }
        return highest
    }

    /// libebur128's version, for the one measurement that depends on how its true peak is computed.
    static var libraryVersion: (major: Int, minor: Int) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        ebur128_get_version(&major, &minor, &patch)
        return (Int(major), Int(minor))
    }

    /// Measures a whole mono or interleaved buffer in one call.
    public static func measure(_ samples: [Float], format: AudioFormat) throws -> (lufs: Double, truePeak: Double) {
        let meter = try LoudnessMeter(format: format)
        samples.withUnsafeBufferPointer { meter.add($0) }
        return (meter.integratedLoudness, meter.truePeak)
    }

    /// Integrated loudness of a whole buffer, LUFS.
    public static func integratedLoudness(_ samples: UnsafeBufferPointer<Float>, format: AudioFormat) throws -> Double {
        let meter = try LoudnessMeter(format: format, truePeak: false)
        meter.add(samples)
        return meter.integratedLoudness
    }

    /// True peak of a whole buffer, dBTP.
    public static func truePeak(_ samples: UnsafeBufferPointer<Float>, format: AudioFormat) throws -> Double {
        let meter = try LoudnessMeter(format: format)
        meter.add(samples)
        return meter.truePeak
    }

    /// The largest sample magnitude, dBFS: a cheap lower bound on the true peak.
    public static func samplePeak(_ samples: UnsafeBufferPointer<Float>) -> Double {
        var highest: Float = 0
        for sample in samples { highest = max(highest, abs(sample)) }
        return Decibels.fromLinear(Double(highest))
    }
}
