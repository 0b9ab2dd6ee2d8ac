@testable import AudioCodec

extension OggOpusFileReader {
    /// Everything left in the stream, up to `capacity` samples.
    func readAll(capacity: Int) throws -> [Float] {
        var decoded = [Float](repeating: 0, count: capacity)
        var filled = 0
        while filled < capacity {
            let frames = try decoded.withUnsafeMutableBufferPointer {
                try read(into: UnsafeMutableBufferPointer(rebasing: $0[filled...]))
            }
            if frames == 0 { break }
            filled += frames
        }
        return Array(decoded[..<filled])
    }
}
