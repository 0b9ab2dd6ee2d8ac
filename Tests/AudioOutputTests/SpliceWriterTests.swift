import AudioOutput
import CommuneCastTesting
import Testing

/// A device model: `heard` is everything it will play; the last `queued` frames of it may still be taken back when
/// `canRewind`. No real card is here to rewind, so the rewind logic is checked against this model as well as
/// through ALSA's `file` plugin.
final class ModelSink: AudioSink {
    let sampleRate = 48_000
    let channels: Int
    let bufferFrames: Int
    let underruns = 0
    var volumeDB = 0.0
    var canRewind: Bool
    /// Frames still to be played, of those in `heard`.
    var queued = 0
    private(set) var heard: [Float] = []
    private(set) var requests: [Int] = []

    init(channels: Int = 1, bufferFrames: Int = 9_600, canRewind: Bool = true) {
        self.channels = channels
        self.bufferFrames = bufferFrames
        self.canRewind = canRewind
    }

    var queuedFrames: Int { queued }

    func write(_ samples: UnsafeBufferPointer<Float>) throws {
        heard.append(contentsOf: samples)
        queued = min(bufferFrames, queued + samples.count / channels)
    }

    func rewind(upTo frames: Int) throws -> Int {
        requests.append(frames)
        let taken = canRewind ? min(frames, queued) : 0
        heard.removeLast(taken * channels)
        queued -= taken
        return taken
    }

    func drain() { queued = 0 }
    func close() {}
}

@Suite("Splice writer: rewinds and fades against a device model")
struct SpliceWriterTests {
    /// A signal whose every frame is different, so a test can tell exactly which frame is where.
    static let signal: [Float] = (0..<40_000).map { Float($0 % 20_000) / 40_000 + 0.25 }

    /// A source reading on from `signal[position...]`.
    final class Cursor {
        var position: Int
        init(_ position: Int) { self.position = position }
        func read(into buffer: UnsafeMutableBufferPointer<Float>) -> Int {
            let frames = min(buffer.count, signal.count - position)
            _ = buffer.initialize(from: signal[position..<(position + frames)])
            position += frames
            return frames
        }
    }

    static func play(_ writer: SpliceWriter, frames: Int, period: Int = 960) throws -> Cursor {
        let cursor = Cursor(0)
        var chunk = [Float](repeating: 0, count: period)
        while cursor.position < frames {
            let count = chunk.withUnsafeMutableBufferPointer {
                cursor.read(into: UnsafeMutableBufferPointer(rebasing: $0[0..<min(period, frames - cursor.position)]))
            }
            try chunk.withUnsafeBufferPointer { try writer.write(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        return cursor
    }

    @Test("a cut takes back the unheard frames and fades out from the last frame heard",
          arguments: [(3_000, 480), (100, 480), (0, 480)])
    func cutFromLastHeard(unheard: Int, fade: Int) throws {
        // A history ring of 2,500 frames written in 960-frame periods wraps round several times.
        let sink = ModelSink(bufferFrames: 2_500)
        let writer = SpliceWriter(sink: sink)
        writer.beginItem(fadeInFrames: 0)
        let cursor = try Self.play(writer, frames: 20_000)
        sink.queued = unheard
        let taken = writer.rewindUnheard()
        #expect(taken == min(unheard, 2_500))
        #expect(writer.framesWritten == 20_000 - taken)
        let written = try writer.fadeOut(frames: fade) { cursor.read(into: $0) }
        #expect(written == fade)

        var walk = CaptureWalk(sink.heard)
        walk.expect(Self.signal[0..<(20_000 - taken)], "heard before the cut")
        walk.expect(Self.signal[(20_000 - taken)..<(20_000 - taken + fade)], "fade", gain: CaptureWalk.fadeOut(fade))
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0)
        #expect(sink.heard.last! < 0.01)
    }

    @Test("a device that cannot rewind plays out what it holds, and the fade follows it")
    func playOut() throws {
        let sink = ModelSink(canRewind: false)
        let writer = SpliceWriter(sink: sink)
        writer.beginItem(fadeInFrames: 0)
        let cursor = try Self.play(writer, frames: 9_600)
        #expect(writer.rewindUnheard() == 0)
        try writer.fadeOut(frames: 960) { cursor.read(into: $0) }
        var walk = CaptureWalk(sink.heard)
        walk.expect(Self.signal[0..<9_600], "everything written")
        walk.expect(Self.signal[9_600..<10_560], "fade", gain: CaptureWalk.fadeOut(960))
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0)
    }

    @Test("a rewind never reaches back into the previous item")
    func rewindStaysInItem() throws {
        let sink = ModelSink()
        let writer = SpliceWriter(sink: sink)
        writer.beginItem(fadeInFrames: 0)
        _ = try Self.play(writer, frames: 4_000)
        writer.beginItem(fadeInFrames: 0)
        _ = try Self.play(writer, frames: 300, period: 100)
        #expect(sink.queued == 4_300)
        #expect(writer.rewindUnheard() == 300)
        #expect(sink.requests == [300])
        #expect(sink.heard.count == 4_000)
    }

    @Test("mono is copied to every channel, an item that resumes fades in, and a cut during the fade-in continues it")
    func fadeInAndChannels() throws {
        let sink = ModelSink(channels: 2)
        let writer = SpliceWriter(sink: sink)
        writer.beginItem(fadeInFrames: 960)
        let cursor = try Self.play(writer, frames: 480, period: 160)
        #expect(writer.rewindUnheard() == 480)
        try writer.fadeOut(frames: 960) { cursor.read(into: $0) }
        let left = stride(from: 0, to: sink.heard.count, by: 2).map { sink.heard[$0] }
        let right = stride(from: 1, to: sink.heard.count, by: 2).map { sink.heard[$0] }
        #expect(left == right)
        let fadeIn = CaptureWalk.fadeIn(960)
        let fadeOut = CaptureWalk.fadeOut(960)
        var walk = CaptureWalk(left)
        walk.expect(Self.signal[0..<960], "fade-in then fade-out", gain: { fadeIn($0) * fadeOut($0) })
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0)
    }
}
