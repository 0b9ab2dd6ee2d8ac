import AudioOutput
import CommuneCastTesting
import Foundation
import Logging
import StreamInput
import Synchronization
import Testing

/// The drift case at its own scale: a source 0.1 % fast and one 0.1 % slow, each through its own Icecast to
/// a reader pulled at the wall clock's pace as a site's audio thread pulls it, for 10 minutes, both at once (the test
/// takes about 10.5 minutes). The rate correction at its default limit (2 000 ppm) keeps both buffers in the band.
/// It runs only with `COMMUNECAST_LONG_TESTS=1` (`make test-long`): at 10.5 minutes it would double `make test`, and
/// on a machine loaded far beyond its cores the in-process sources themselves fall behind the wall clock.
@Suite("StreamInput: 10 minutes of 0.1 % drift, fast and slow at once", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["COMMUNECAST_LONG_TESTS"] == "1"))
struct DriftTenMinutesTests {
    /// What one run saw after its first 10 s: the buffer's lowest and highest level, the last adjustment, and how
    /// long the stream ran dry.
    struct Outcome: Sendable {
        var low = Double.infinity
        var high = 0.0
        var adjustment = 0
        var underrun = 0.0
    }

    /// Plays a source drifting `ppm` for `seconds` through a reader with the default jitter settings.
    private static func run(ppm: Int, seconds: Double) throws -> Outcome {
        let rig = try LiveRig(input: DriftTests.DriftingTone(ppm: ppm))
        defer { rig.stop() }
        let reader = StreamReader(configuration: StreamConfiguration(urls: [rig.server.url("/live.opus")]),
                                  logger: Logger(label: "test.drift"), onEvent: { _ in })
        reader.start()
        defer { reader.stop() }
        guard Poll.until(timeout: 60, { reader.status.state == .playing }) else {
            throw HarnessError("the \(ppm) ppm stream never played")
        }
        var pacer = WallClockPacer(sampleRate: 48_000, leadSeconds: 0)
        var period = [Float](repeating: 0, count: 960)
        var outcome = Outcome()
        let startUnderrun = reader.status.underrunSeconds
        for index in 0..<Int(seconds * 50) {
            period.withUnsafeMutableBufferPointer { _ = reader.pull(into: $0) }
            if index >= 500 {
                let level = reader.status.bufferSeconds
                outcome.low = min(outcome.low, level)
                outcome.high = max(outcome.high, level)
            }
            pacer.didWrite(frames: 960)
        }
        outcome.adjustment = reader.status.rateAdjustmentPPM
        outcome.underrun = reader.status.underrunSeconds - startUnderrun
        return outcome
    }

    @Test("0.1 % fast and 0.1 % slow for 10 minutes: both buffers stay within the band", .timeLimit(.minutes(20)))
    func tenMinutes() throws {
        let results = Mutex<[Int: Result<Outcome, any Error>]>([:])
        let done = DispatchSemaphore(value: 0)
        for ppm in [1_000, -1_000] {
            let thread = Thread {
                let result = Result { try Self.run(ppm: ppm, seconds: 600) }
                results.withLock { $0[ppm] = result }
                done.signal()
            }
            thread.name = "drift-\(ppm)"
            thread.start()
        }
        for _ in 0..<2 { done.wait() }
        let band = JitterSettings()
        for ppm in [1_000, -1_000] {
            let outcome = try #require(try results.withLock { $0[ppm] }?.get())
            print("drift \(ppm) ppm over 600 s: buffer \(outcome.low)–\(outcome.high) s, adjustment "
                  + "\(outcome.adjustment) ppm, underrun \(outcome.underrun) s")
            #expect(outcome.low >= band.low && outcome.high <= band.high, "band \(band.low)–\(band.high) s")
            #expect(ppm > 0 ? outcome.adjustment > 0 : outcome.adjustment < 0)
            #expect(outcome.underrun == 0)
        }
    }
}
