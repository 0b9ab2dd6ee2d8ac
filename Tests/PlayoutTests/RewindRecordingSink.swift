import AudioOutput
import Synchronization

/// A real ALSA sink that records every rewind it made; with `canRewind` false it refuses them all, as ALSA's `rate`
/// converter and some drivers do, so the play-out path runs through real ALSA too.
final class RewindRecordingSink: AudioSink, @unchecked Sendable {
    private let inner: ALSASink
    private let canRewind: Bool
    private let taken = Mutex<[Int]>([])

    init(device: String, canRewind: Bool) throws {
        inner = try ALSASink(configuration: PCMConfiguration(device: device), pacing: .always)
        self.canRewind = canRewind
    }

    /// The frames each rewind took back, in order.
    var rewinds: [Int] { taken.withLock { $0 } }

    var sampleRate: Int { inner.sampleRate }
    var channels: Int { inner.channels }
    var bufferFrames: Int { inner.bufferFrames }
    var underruns: Int { inner.underruns }
    var queuedFrames: Int { inner.queuedFrames }
    var volumeDB: Double {
        get { inner.volumeDB }
        set { inner.volumeDB = newValue }
    }

    func write(_ samples: UnsafeBufferPointer<Float>) throws { try inner.write(samples) }

    func rewind(upTo frames: Int) throws -> Int {
        let count = canRewind ? try inner.rewind(upTo: frames) : 0
        taken.withLock { $0.append(count) }
        return count
    }

    func drain() { inner.drain() }

    func close() { inner.close() }
}
