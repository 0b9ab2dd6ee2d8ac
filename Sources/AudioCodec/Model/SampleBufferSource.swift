/// Plays samples already in memory, such as the generated attention tone, through the same `PCMSource` interface
/// as decoded files.
public final class SampleBufferSource: PCMSource {
    /// Rate and channels of `samples`.
    public let format: AudioFormat
    /// Total frames.
    public var frameCount: Int? { samples.count / format.channels }

    private let samples: [Float]
    private var position = 0

    /// Wraps interleaved `samples` in `format`.
    public init(samples: [Float], format: AudioFormat) {
        self.samples = samples
        self.format = format
    }

    /// Moves to `frame`.
    public func seek(toFrame frame: Int) {
        position = min(samples.count, max(0, frame * format.channels))
    }

    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let channels = format.channels
        let count = min(buffer.count / channels * channels, samples.count - position)
        guard count > 0 else { return 0 }
        samples.withUnsafeBufferPointer { source in
            _ = buffer.initialize(from: source[position..<(position + count)])
        }
        position += count
        return count / channels
    }
}
