import AudioOutput
import CommuneCastTesting
import Dispatch
import Foundation
import LiveBroadcast
import Logging
import StreamInput
import Synchronization
import Testing

/// A live source whose clock runs off, through Icecast to the reader: the rate correction holds the jitter buffer in
/// its band. The case is 0.1 % for 10 minutes (0.6 s of drift, a bench); this shortened version drifts 3 %
/// for 20 s, the same 0.6 s, with the adjustment limit scaled to match.
@Suite("StreamInput: rate correction against a drifting source", .serialized)
struct DriftTests {
    /// A 440 Hz tone held to a wall clock that runs `ppm` fast (negative: slow).
    final class DriftingTone: LiveInput, @unchecked Sendable {
        let name = "drifting tone"
        private var pacer: WallClockPacer
        private var frame = 0
        private let rate: Int
        private var began: Double?
        /// Frames handed to the encoder so far, read by the 10-minute test to measure the source's real rate.
        let produced = Atomic<Int>(0)
        /// The source's worst lateness against its own schedule since the 10-minute test last took it, seconds.
        let worstLateness = Mutex<Double>(0)

        init(ppm: Int) {
            rate = 48_000 + 48_000 * ppm / 1_000_000
            pacer = WallClockPacer(sampleRate: rate, leadSeconds: 0)
        }

        func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(LiveError) -> Int {
            for index in buffer.indices {
                buffer[index] = Float(0.3 * sin(2 * Double.pi * 440 * Double(frame + index) / 48_000))
            }
            let now = WallClockPacer.monotonicNow()
            let late = now - (began ?? now) - Double(frame) / Double(rate)
            if began == nil { began = now }
            worstLateness.withLock { $0 = max($0, late) }
            frame += buffer.count
            pacer.didWrite(frames: buffer.count)
            produced.add(buffer.count, ordering: .relaxed)
            return buffer.count
        }

        func close() {}
    }

    /// Plays a source drifting `ppm` for `seconds` through a reader allowed `maxPPM`; returns the buffer levels seen
    /// after the first 5 s and the last adjustment.
    private func run(ppm: Int, maxPPM: Int, seconds: Double) throws -> (levels: [Double], adjustment: Int) {
        let rig = try LiveRig(input: DriftingTone(ppm: ppm))
        defer { rig.stop() }
        let server = rig.server
        let reader = StreamReader(
            configuration: StreamConfiguration(urls: [server.url("/live.opus")],
                                               jitter: JitterSettings(capacity: 1.5, maxAdjustmentPPM: maxPPM)),
            logger: Logger(label: "test.stream"), onEvent: { _ in }
        )
        reader.start()
        defer { reader.stop() }
        try #require(Poll.until(timeout: 60) { reader.status.state == .playing })
        var pacer = WallClockPacer(sampleRate: 48_000, leadSeconds: 0)
        var period = [Float](repeating: 0, count: 960)
        var levels: [Double] = []
        for index in 0..<Int(seconds * 50) {
            period.withUnsafeMutableBufferPointer { _ = reader.pull(into: $0) }
            if index >= 250 { levels.append(reader.status.bufferSeconds) }
            pacer.didWrite(frames: 960)
        }
        return (levels, reader.status.rateAdjustmentPPM)
    }

    @Test("a source 3 % fast or slow stays within the buffer's band; uncorrected, 3 % fast leaves it",
          arguments: [30_000, -30_000])
    func holdsTheBand(ppm: Int) throws {
        let corrected = try run(ppm: ppm, maxPPM: 60_000, seconds: 20)
        let band = JitterSettings()
        let low = corrected.levels.min() ?? 0
        let high = corrected.levels.max() ?? 0
        print("drift \(ppm) ppm: buffer \(low)–\(high) s, adjustment \(corrected.adjustment) ppm")
        #expect(low >= band.low - 0.1 && high <= band.high)
        #expect(ppm > 0 ? corrected.adjustment > 0 : corrected.adjustment < 0)
        if ppm > 0 {
            let uncorrected = try run(ppm: ppm, maxPPM: 0, seconds: 20)
            print("drift \(ppm) ppm uncorrected: buffer up to \(uncorrected.levels.max() ?? 0) s")
            #expect((uncorrected.levels.max() ?? 0) > band.high)
        }
    }
}
