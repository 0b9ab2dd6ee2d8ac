import Foundation

/// A streaming look-ahead peak limiter for live mono audio: samples go through a fixed delay of a few milliseconds,
/// the look-ahead, which is all it adds to a live broadcast's delay. `PeakLimiter` works on a whole file at once; this
/// one keeps its state from one capture period to the next.
///
/// The signal is cut into blocks of `blockFrames`. Each block needs a gain that brings its peak to the ceiling; the
/// gain at the start of every block is chosen, `lookaheadBlocks` blocks in advance, on the steepest straight ramp that
/// reaches each coming block's need by the time it starts (and its own need by the time it ends), or else recovers
/// toward unity with an exponential release. Inside a block the gain moves linearly between its two ends, both at or
/// below the block's need, so no sample leaves above the ceiling and the gain never jumps.
public final class LiveLimiter {
    /// Largest allowed sample magnitude (linear).
    public let ceiling: Float
    /// Frames per block; 48 (1 ms at 48 kHz) by default.
    public let blockFrames: Int
    /// How many blocks ahead the gain is planned.
    public let lookaheadBlocks: Int
    /// Frames from input to output: the look-ahead plus the block being measured.
    public var delayFrames: Int { (lookaheadBlocks + 1) * blockFrames }
    /// Frames whose gain was reduced since the limiter was made.
    public private(set) var reducedFrames = 0

    private let releasePerBlock: Float
    /// The delayed input, a ring of `delayFrames` samples.
    private var delay: [Float]
    private var delayIndex = 0
    /// The gain each of the last `lookaheadBlocks + 1` blocks needs, oldest first from `needIndex`.
    private var needs: [Float]
    private var needIndex = 0
    private var blockPeak: Float = 0
    private var blockFill = 0
    private var gainStart: Float = 1
    private var gainEnd: Float = 1
    private var outputOffset = 0

    /// Creates a limiter; `releaseSeconds` is the time constant of the recovery after a peak.
    public init(
        ceiling: Float, sampleRate: Int = 48_000, blockFrames: Int = 48, lookaheadBlocks: Int = 5,
        releaseSeconds: Double = 0.15
    ) {
        self.ceiling = ceiling
        self.blockFrames = max(1, blockFrames)
        self.lookaheadBlocks = max(1, lookaheadBlocks)
        let blockSeconds = Double(self.blockFrames) / Double(sampleRate)
        releasePerBlock = Float(1 - exp(-blockSeconds / max(releaseSeconds, blockSeconds)))
        delay = [Float](repeating: 0, count: (self.lookaheadBlocks + 1) * self.blockFrames)
        needs = [Float](repeating: 1, count: self.lookaheadBlocks + 1)
    }

    /// Limits `input` into `output` (same length, may be the same memory), `delayFrames` later.
    public func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        let count = min(input.count, output.count)
        let length = delay.count
        delay.withUnsafeMutableBufferPointer { line in
            for index in 0..<count {
                let sample = input[index]
                blockPeak = max(blockPeak, abs(sample))
                let delayed = line[delayIndex]
                line[delayIndex] = sample
                delayIndex = delayIndex + 1 == length ? 0 : delayIndex + 1
                let position = Float(outputOffset + 1) / Float(blockFrames)
                let gain = gainStart + (gainEnd - gainStart) * position
                if gain < 1 { reducedFrames += 1 }
                output[index] = min(ceiling, max(-ceiling, delayed * gain))
                outputOffset = outputOffset + 1 == blockFrames ? 0 : outputOffset + 1
                blockFill += 1
                if blockFill == blockFrames { finishBlock() }
            }
        }
    }

    /// Records the block just measured and plans the gain at the end of the block about to be output.
    private func finishBlock() {
        let need = blockPeak > ceiling ? ceiling / blockPeak : 1
        needs[needIndex] = need
        needIndex = needIndex + 1 == needs.count ? 0 : needIndex + 1
        blockPeak = 0
        blockFill = 0
        gainStart = gainEnd
        // needs, oldest first: the block about to be output, then each block after it up to the newest.
        var next = gainStart + (1 - gainStart) * releasePerBlock
        for distance in 0..<needs.count {
            let coming = needs[(needIndex + distance) % needs.count]
            let ramp = distance == 0 ? coming : gainStart + (coming - gainStart) / Float(distance)
            next = min(next, ramp)
        }
        gainEnd = max(0, next)
    }
}
