/// The true peak of mono audio, measured by libebur128 only where it can lie, with the same result as a
/// full pass. The 4× oversampling is the pipeline's costliest measurement after Opus itself, and most of a speech
/// signal cannot hold its peak.
///
/// Why skipping is exact: libebur128 1.2 makes each interpolated point from the 13 samples around it with a
/// Hann-windowed sinc whose coefficients sum, in magnitude, to at most 1.87 per phase. So no point can pass
/// `interpolationBound` times the largest sample within `reach` of it, while the true peak is at least the largest
/// sample seen. A block whose samples, and `reach` more either side, stay at or under that largest sample divided by
/// the bound is not fed to the meter. A run of blocks that are fed gets `context` samples before it (to fill the
/// interpolator's history; that call's points are ignored) and after it (for the points its last samples reach),
/// so every point counted is the one a full pass computes. On the benchmark speech a fifth of the signal is fed.
/// Another libebur128 version may interpolate differently, and so does this one from 96 kHz up (2× or no
/// oversampling): those get the full pass.
public final class TruePeakScanner {
    /// Samples per block, the unit fed or skipped.
    static let blockSize = 256
    /// How far from a sample an interpolated point that uses it can lie (13 taps: 7), with margin.
    static let reach = 16
    /// Samples fed around a run of blocks: more than the interpolator's 13 samples of history and its reach.
    static let context = 64
    /// The most an interpolated point can exceed the samples it is made from (1.87 in libebur128 1.2), with margin.
    static let interpolationBound: Float = 2

    private let meter: LoudnessMeter
    private let skips: Bool
    private var lowerBound: Float
    private var highest = 0.0
    /// Samples not yet decided, starting at global index `bufferStart`; one block before the next to decide is kept.
    private var buffer: [Float] = []
    private var bufferStart = 0
    /// The next block to decide, as a global sample index.
    private var next = 0
    /// Whether the block before `next` was fed, so the run continues without new context.
    private var inRun = false
    /// How far the largest sample has been looked for, as a global sample index.
    private var boundedUpTo = 0

    /// Creates a scanner; `atLeast` (linear) is a level the true peak is known to reach, such as the signal's
    /// sample peak measured earlier, which lets more blocks be skipped from the start.
    /// `sampleRate` is the signal's own (the pipeline measures at the input's rate).
    public init(atLeast: Float = 0, sampleRate: Int = 48_000) throws {
        meter = try LoudnessMeter(format: AudioFormat(sampleRate: sampleRate, channels: 1), truePeak: true,
                                  loudness: false)
        let version = LoudnessMeter.libraryVersion
        skips = version.major == 1 && version.minor == 2 && sampleRate < 96_000
        lowerBound = atLeast
    }

    /// Adds the next samples of the signal.
    public func add(_ samples: UnsafeBufferPointer<Float>) {
        buffer.append(contentsOf: samples)
        scan(final: false)
        // Keeps the block before the next one to decide (its context) and what is not decided yet.
        let keep = max(0, next - Self.blockSize - bufferStart)
        if keep > 0 {
            buffer.removeFirst(keep)
            bufferStart += keep
        }
    }

    /// The true peak of everything added, dBTP.
    public func finish() -> Double {
        scan(final: true)
        return Decibels.fromLinear(highest)
    }

    /// The true peak of a whole signal, dBTP, without copying it.
    public static func truePeak(
        _ samples: UnsafeBufferPointer<Float>, atLeast: Float = 0, sampleRate: Int = 48_000
    ) throws -> Double {
        let scanner = try TruePeakScanner(atLeast: atLeast, sampleRate: sampleRate)
        scanner.scan(samples, start: 0, final: true)
        return Decibels.fromLinear(scanner.highest)
    }

    private func scan(final: Bool) {
        buffer.withUnsafeBufferPointer { scan($0, start: bufferStart, final: final) }
    }

    /// Decides every block of `window` (which starts at global index `start`) whose next block is complete, or
    /// every block when `final`.
    private func scan(_ window: UnsafeBufferPointer<Float>, start: Int, final: Bool) {
        let end = start + window.count
        let size = Self.blockSize
        for sample in window[max(0, boundedUpTo - start)...] { lowerBound = max(lowerBound, abs(sample)) }
        boundedUpTo = end
        func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<Float> {
            UnsafeBufferPointer(rebasing: window[(max(from, start) - start)..<(min(to, end) - start)])
        }
        func largest(_ from: Int, _ to: Int) -> Float {
            var value: Float = 0
            for sample in slice(from, to) { value = max(value, abs(sample)) }
            return value
        }
        while next < end && (final || next + 2 * size <= end) {
            let blockEnd = min(next + size, end)
            let nearby = largest(next - Self.reach, blockEnd + Self.reach)
            let feed = !skips || nearby * Self.interpolationBound > lowerBound
            if feed {
                if !inRun && next > 0 { meter.add(slice(next - Self.context, next)) }
                meter.add(slice(next, blockEnd))
                highest = max(highest, meter.lastTruePeak)
            } else if inRun {
                meter.add(slice(next, next + Self.context))
                highest = max(highest, meter.lastTruePeak)
            }
            inRun = feed
            next = blockEnd
        }
    }
}
