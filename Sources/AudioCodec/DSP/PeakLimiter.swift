/// A look-ahead brick-wall limiter for mono audio, used when loudness normalisation would push peaks over the
/// ceiling. The gain each sample needs is min-filtered over the look-ahead window and then box-averaged over the same
/// window, so the gain ramps down smoothly and has fully arrived when the peak does; it recovers with an exponential
/// release. Sample peaks after limiting never exceed the ceiling.
///
/// It streams: memory is a few look-ahead windows (ring buffers), not the signal, so a 2-hour input costs no more
/// than a short one, and the caller's gain is applied on the way through instead of in a separate copy.
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

    /// Creates a limiter with the default 5 ms look-ahead and 80 ms release at `sampleRate`.
    public init(ceiling: Float, sampleRate: Int) {
        self.init(ceiling: ceiling, lookahead: sampleRate / 200, release: sampleRate * 2 / 25)
    }

    /// Limits `samples` in place and returns how many samples had their gain reduced.
    @discardableResult
    public func process(_ samples: inout [Float]) -> Int {
        let input = samples
        return input.withUnsafeBufferPointer { source in
            samples.withUnsafeMutableBufferPointer { process(source, gain: 1, into: $0) }
        }
    }

    /// Writes `input × gain`, limited, to `output` (same length; may not alias `input`) and returns how many samples
    /// had their gain reduced. `finished` is told, every `reportEvery` samples and at the end, how many samples of
    /// `output` are final, so another thread can measure or encode them while the rest is limited.
    @discardableResult
    public func process(
        _ input: UnsafeBufferPointer<Float>, gain: Float, into output: UnsafeMutableBufferPointer<Float>,
        reportEvery: Int = 48_000, finished: ((Int) -> Void)? = nil
    ) -> Int {
        let count = input.count
        guard count > 0 else { return 0 }
        let window = lookahead
        let ceiling = self.ceiling
        @inline(__always) func needed(_ index: Int) -> Float {
            let magnitude = abs(input[index] * gain)
            return magnitude > ceiling ? ceiling / magnitude : 1
        }
        // Monotonic deque of (index, needed gain) for the forward-looking minimum over [n, n + window), in a ring of
        // window + 1 slots; indices wrap by comparison rather than division, which dominates the cost otherwise.
        let capacity = window + 1
        var dequeIndex = [Int](repeating: 0, count: capacity)
        var dequeValue = [Float](repeating: 1, count: capacity)
        var head = 0
        var tail = 0
        var size = 0
        // The last `window` minima, for the causal box average.
        var recent = [Float](repeating: 1, count: window)
        var slot = 0
        var sum = Double(window)
        var smoothed: Float = 1
        var reduced = 0
        let releaseCoefficient = Float(1) / Float(release)
        var next = 0
        let step = max(1, reportEvery)
        var nextReport = step - 1
        dequeIndex.withUnsafeMutableBufferPointer { indices in
            dequeValue.withUnsafeMutableBufferPointer { values in
                recent.withUnsafeMutableBufferPointer { recent in
                    for index in 0..<count {
                        let end = min(count, index + window)
                        while next < end {
                            let value = needed(next)
                            while size > 0 {
                                let last = tail == 0 ? capacity - 1 : tail - 1
                                guard values[last] >= value else { break }
                                tail = last
                                size -= 1
                            }
                            indices[tail] = next
                            values[tail] = value
                            tail = tail + 1 == capacity ? 0 : tail + 1
                            size += 1
                            next += 1
                        }
                        while indices[head] < index {
                            head = head + 1 == capacity ? 0 : head + 1
                            size -= 1
                        }
                        let minimum = values[head]
                        sum += Double(minimum) - Double(recent[slot])
                        recent[slot] = minimum
                        slot = slot + 1 == window ? 0 : slot + 1
                        let average = Float(min(1, sum / Double(window)))
                        smoothed = average < smoothed ? average : smoothed + (average - smoothed) * releaseCoefficient
                        // Snap back to unity once recovered, so audio far from any peak passes bit-exact.
                        if smoothed > 0.9995 && average > 0.99999 { smoothed = 1 }
                        let limit = min(smoothed, needed(index))
                        if limit < 1 { reduced += 1 }
                        output[index] = input[index] * gain * limit
                        if index == nextReport {
                            finished?(index + 1)
                            nextReport += step
                        }
                    }
                }
            }
        }
        finished?(count)
        return reduced
    }
}
