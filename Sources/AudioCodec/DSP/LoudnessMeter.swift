import CEBUR128

/// EBU R128 integrated loudness and true peak with libebur128.
public final class LoudnessMeter {
    private var state: UnsafeMutablePointer<ebur128_state>?
    private let channels: Int

    /// Creates a meter for interleaved audio in `format`.
    public init(format: AudioFormat) throws {
        channels = format.channels
        let mode = Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_TRUE_PEAK.rawValue)
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

    /// Measures a whole mono or interleaved buffer in one call.
    public static func measure(_ samples: [Float], format: AudioFormat) throws -> (lufs: Double, truePeak: Double) {
        let meter = try LoudnessMeter(format: format)
        samples.withUnsafeBufferPointer { meter.add($0) }
        return (meter.integratedLoudness, meter.truePeak)
    }
}
