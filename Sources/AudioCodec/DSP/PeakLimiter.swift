/// A look-ahead brick-wall limiter for a whole mono buffer, used when loudness normalisation would push peaks over
/// the ceiling. The gain needed at each sample is min-filtered over the look-ahead window and then box-averaged over
/// the same window, so the gain ramps down smoothly and has fully arrived when the peak does; it recovers with an
/// exponential release. Sample peaks after limiting never exceed the ceiling.
public struct PeakLimiter: Sendable {
    /// Largest allowed sample magnitude (linear).
    public var ceiling: Float
    /// Look-ahead (and attack) length in samples.
    public var lookahead: Int
    /// Release time constant in samples.
    public var release: Int

    /// Creates a limiter; the defaults suit speech at 48 kHz (5 ms look-ahead, 80 ms release).
    public init(ceiling: Float, lookahead: Int = 240, release: Int = 3_840) {
        self.ceiling = ceiling
        self.lookahead = max(1, lookahead)
        self.release = max(1, release)
    }

    /// Limits `samples` in place and returns how many samples had their gain reduced.
    @discardableResult
    public func process(_ samples: inout [Float]) -> Int {
        let count = samples.count
        guard count > 0 else { return 0 }
        let window = lookahead
        // Gain each sample needs on its own.
        var needed = [Float](repeating: 1, count: count)
        for index in 0..<count {
            let magnitude = abs(samples[index])
            if magnitude > ceiling { needed[index] = ceiling / magnitude }
        }
        // Forward-looking minimum over [n, n + window), with a monotonic deque of indices.
        var minimum = [Float](repeating: 1, count: count)
        var deque = [Int](repeating: 0, count: count)
        var head = 0
        var tail = 0
        var next = 0
        for index in 0..<count {
            while next < min(count, index + window) {
                while tail > head, needed[deque[tail - 1]] >= needed[next] { tail -= 1 }
                deque[tail] = next
                tail += 1
                next += 1
            }
            while deque[head] < index { head += 1 }
            minimum[index] = needed[deque[head]]
        }
        // Causal box average over the last `window` minima: a linear ramp that reaches the needed gain at the peak.
        let releaseCoefficient = Float(1) / Float(release)
        var sum: Double = 0
        var smoothed: Float = 1
        var reduced = 0
        for index in 0..<count {
            sum += Double(minimum[index])
            if index >= window { sum -= Double(minimum[index - window]) }
            let average = Float(min(1, (sum + Double(max(0, window - index - 1))) / Double(window)))
            smoothed = average < smoothed ? average : smoothed + (average - smoothed) * releaseCoefficient
            // Snap back to unity once recovered, so audio far from any peak passes bit-exact.
            if smoothed > 0.9995 && average > 0.99999 { smoothed = 1 }
            let gain = min(smoothed, needed[index])
            if gain < 1 { reduced += 1 }
            samples[index] *= gain
        }
        return reduced
    }
}
