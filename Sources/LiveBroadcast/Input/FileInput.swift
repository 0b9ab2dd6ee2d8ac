import AudioCodec
import AudioOutput

/// A WAV or Ogg Opus file sent as if it were live: downmixed to mono, resampled to 48 kHz with speexdsp, and held to
/// the wall clock, so a recorded programme (or a test's tone bursts) reaches the server at the pace it plays.
public final class FileInput: LiveInput {
    public let name: String
    private let source: PCMSource
    private let resampler: SpeexResampler?
    private var pacer = WallClockPacer(sampleRate: 48_000, leadSeconds: 0)
    private var pending: [Float] = []
    private var decoded: [Float] = []
    private var finished = false

    /// Opens `path`.
    public init(path: String) throws(LiveError) {
        name = path
        do {
            source = try MediaSource.open(path: path).decoder
            let rate = source.format.sampleRate
            resampler = rate == 48_000 ? nil : try SpeexResampler(channels: 1, from: rate, to: 48_000)
        } catch {
            throw .input(name: path, message: "\(error)")
        }
    }

    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(LiveError) -> Int {
        while pending.count < buffer.count, !finished { try decodeMore() }
        let count = min(buffer.count, pending.count)
        guard count > 0 else { return 0 }
        for index in 0..<count { buffer[index] = pending[index] }
        pending.removeFirst(count)
        pacer.didWrite(frames: count)
        return count
    }

    public func close() {}

    private func decodeMore() throws(LiveError) {
        let channels = source.format.channels
        if decoded.count != 4_096 * channels { decoded = [Float](repeating: 0, count: 4_096 * channels) }
        let frames: Int
        do {
            frames = try decoded.withUnsafeMutableBufferPointer { try source.read(into: $0) }
        } catch {
            throw .input(name: name, message: "\(error)")
        }
        var mono = [Float](repeating: 0, count: frames)
        for frame in 0..<frames {
            var sum: Float = 0
            for channel in 0..<channels { sum += decoded[frame * channels + channel] }
            mono[frame] = sum / Float(channels)
        }
        guard let resampler else {
            pending.append(contentsOf: mono)
            finished = frames == 0
            return
        }
        var output: [Float] = []
        if frames == 0 {
            resampler.flush(into: &output)
            finished = true
        } else {
            mono.withUnsafeBufferPointer { resampler.process($0, into: &output) }
        }
        pending.append(contentsOf: output)
    }
}
