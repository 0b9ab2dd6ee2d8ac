import AudioOutput
import Dispatch
import Foundation
import LiveBroadcast
import Synchronization

/// A live input for latency tests: silence with a 1 kHz burst of 60 ms every `interval` seconds, held to the wall
/// clock like a microphone, which records the monotonic time each burst was handed to the broadcaster.
final class BurstInput: LiveInput, @unchecked Sendable {
    let name = "tone bursts"
    private let interval: Int
    private var frame = 0
    private var pacer = WallClockPacer(sampleRate: 48_000, leadSeconds: 0)
    private let onsets = Mutex<[Double]>([])

    /// Bursts every `interval` seconds.
    init(interval: Double) { self.interval = Int(interval * 48_000) }

    /// When each burst's first sample left the input, monotonic seconds.
    var sent: [Double] { onsets.withLock { $0 } }

    func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(LiveError) -> Int {
        pacer.didWrite(frames: buffer.count)
        var onset = false
        for index in buffer.indices {
            let absolute = frame + index
            let position = absolute % interval
            if position == 0, absolute > 0 { onset = true }
            let phase = 2 * Double.pi * 1_000 * Double(position) / 48_000
            buffer[index] = absolute > 0 && position < 2_880 ? Float(0.5 * sin(phase)) : 0
        }
        frame += buffer.count
        if onset { onsets.withLock { $0.append(EventLog.now()) } }
        return buffer.count
    }

    func close() {}
}
