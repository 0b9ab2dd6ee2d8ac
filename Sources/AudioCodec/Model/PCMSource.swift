/// A pull-based stream of decoded audio. Decoders (WAV, Ogg Opus, tone generators) conform, so the pipeline,
/// the `media play` command and the playout engine read every kind of input through one interface.
public protocol PCMSource: AnyObject {
    /// Rate and channel count of the frames `read` produces.
    var format: AudioFormat { get }
    /// Total frames if the container says so up front, else nil.
    var frameCount: Int? { get }
    /// Fills `buffer` with up to `buffer.count / format.channels` interleaved frames, samples in [-1, 1].
    /// Returns the number of frames written; 0 means the end of the stream.
    func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int
}

extension PCMSource {
    /// Reads the rest of the stream into one interleaved array; for tests and short media only.
    public func readAll(chunkFrames: Int = 4096) throws -> [Float] {
        var all: [Float] = []
        if let frameCount { all.reserveCapacity(frameCount * format.channels) }
        var chunk = [Float](repeating: 0, count: chunkFrames * format.channels)
        while true {
            let frames = try chunk.withUnsafeMutableBufferPointer { try read(into: $0) }
            if frames == 0 { break }
            all.append(contentsOf: chunk[0..<(frames * format.channels)])
        }
        return all
    }
}
