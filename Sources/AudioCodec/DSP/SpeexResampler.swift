import CSpeexDSP

/// Streaming sample-rate conversion with speexdsp. The filter delay is removed at the start (`skip_zeros`) and the
/// tail is flushed at the end, so N input frames at rate A become exactly round(N × B / A) output frames at rate B,
/// aligned with the input.
public final class SpeexResampler {
    /// speexdsp quality 0–10; 5 is what opusenc uses for its own resampling.
    public static let defaultQuality: Int32 = 5

    private var state: OpaquePointer?
    private let channels: Int
    private let inputRate: Int
    private let outputRate: Int
    private var framesIn = 0
    private var framesOut = 0

    /// Creates a converter for interleaved audio with `channels` channels.
    public init(channels: Int, from inputRate: Int, to outputRate: Int, quality: Int32 = defaultQuality) throws {
        self.channels = channels
        self.inputRate = inputRate
        self.outputRate = outputRate
        var error: Int32 = 0
        state = speex_resampler_init(UInt32(channels), UInt32(inputRate), UInt32(outputRate), quality, &error)
        guard state != nil else {
            throw MediaError.library(
                function: "speex_resampler_init", code: error,
                message: String(cString: speex_resampler_strerror(error))
            )
        }
        speex_resampler_skip_zeros(state)
    }

    deinit { speex_resampler_destroy(state) }

    /// How far the filter reaches, in input frames: half its length. At a ratio of exactly 1 the next output frame
    /// is the input frame this many frames before the end of what was fed.
    public var inputLatency: Int { Int(speex_resampler_get_input_latency(state)) }

    /// Forgets the filter's memory and phase and sets `speedPPM` (as `adjustRate`), so the next output frame is the
    /// next input frame fed, as after `init`. The first frames are filtered against silence before that input, unless
    /// the caller feeds the frames before it first and drops what they give (`RateCorrector` does).
    public func restart(speedPPM: Int) throws {
        speex_resampler_reset_mem(state)
        try adjustRate(speedPPM: speedPPM)
        speex_resampler_skip_zeros(state)
    }

    /// Converts `input` (interleaved) and appends the result to `output`.
    public func process(_ input: UnsafeBufferPointer<Float>, into output: inout [Float]) {
        framesIn += input.count / channels
        run(input, into: &output, limit: nil)
    }

    /// Converts as much of `input` as fits in `output` (both interleaved), without allocating: the form a live
    /// stream uses every few milliseconds. Returns the frames consumed and produced.
    public func convert(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>
    ) -> (consumed: Int, produced: Int) {
        guard let source = input.baseAddress, let target = output.baseAddress else { return (0, 0) }
        var inLength = UInt32(input.count / channels)
        var outLength = UInt32(output.count / channels)
        if channels == 1 {
            _ = speex_resampler_process_float(state, 0, source, &inLength, target, &outLength)
        } else {
            _ = speex_resampler_process_interleaved_float(state, source, &inLength, target, &outLength)
        }
        return (Int(inLength), Int(outLength))
    }

    /// Consumes the input `speedPPM` parts per million faster than the nominal rates say (slower when negative), so
    /// a stream's buffer can be held steady against a sender whose clock runs a little fast or slow; speexdsp keeps
    /// its filter state across the change, so there is no click. The fraction's denominator is kept at 50 000 or
    /// below (a resolution of 20 ppm): speexdsp 1.2.1 multiplies its phase by the denominator in 32 bits, and a
    /// denominator near a million crashed it within a few hundred changes.
    public func adjustRate(speedPPM: Int) throws {
        let common = Self.greatestCommonDivisor(inputRate, outputRate)
        let base = max(1, 50_000 / (outputRate / common))
        let denominator = UInt64(outputRate / common * base)
        let numerator = UInt64((Double(inputRate / common * base) * (1 + Double(speedPPM) / 1e6)).rounded())
        guard speedPPM > -1_000_000, numerator > 0, numerator <= 1 << 20 else {
            throw MediaError.library(function: "speex_resampler_set_rate_frac", code: -1,
                                     message: "\(speedPPM) ppm off \(inputRate) → \(outputRate) Hz is out of range")
        }
        let code = speex_resampler_set_rate_frac(
            state, UInt32(numerator), UInt32(denominator), UInt32(inputRate), UInt32(outputRate)
        )
        guard code == 0 else {
            throw MediaError.library(function: "speex_resampler_set_rate_frac", code: code,
                                     message: String(cString: speex_resampler_strerror(code)))
        }
    }

    private static func greatestCommonDivisor(_ first: Int, _ second: Int) -> Int {
        second == 0 ? max(first, 1) : greatestCommonDivisor(second, first % second)
    }

    /// Pushes the filter's tail out; call once after the last `process`.
    public func flush(into output: inout [Float]) {
        let expected = Int((Double(framesIn) * Double(outputRate) / Double(inputRate)).rounded())
        let zeros = [Float](repeating: 0, count: (inputLatency + 1) * channels)
        zeros.withUnsafeBufferPointer { run($0, into: &output, limit: expected) }
    }

    private func run(_ input: UnsafeBufferPointer<Float>, into output: inout [Float], limit: Int?) {
        var consumed = 0
        let totalFrames = input.count / channels
        let capacity = Int(Double(totalFrames) * Double(outputRate) / Double(inputRate)) + 64
        var scratch = [Float](repeating: 0, count: capacity * channels)
        while consumed < totalFrames {
            var inLength = UInt32(totalFrames - consumed)
            var outLength = UInt32(capacity)
            scratch.withUnsafeMutableBufferPointer { out in
                let source = input.baseAddress! + consumed * channels
                if channels == 1 {
                    _ = speex_resampler_process_float(state, 0, source, &inLength, out.baseAddress!, &outLength)
                } else {
                    _ = speex_resampler_process_interleaved_float(state, source, &inLength, out.baseAddress!, &outLength)
                }
            }
            consumed += Int(inLength)
            var produced = Int(outLength)
            if let limit { produced = max(0, min(produced, limit - framesOut)) }
            output.append(contentsOf: scratch[0..<(produced * channels)])
            framesOut += produced
            if inLength == 0 && outLength == 0 { break }
        }
    }
}
