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
/// It runs only with `COMMUNECAST_LONG_TESTS=1` (`make test-long`): at 10.5 minutes it would double `make test`.
/// Every 30 s it logs on stderr the buffer's range, the correction, the source's measured rate and the worst lateness
/// of the source and of the reader against their own schedules, to tell a late source from a weak correction.
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
        let tone = DriftTests.DriftingTone(ppm: ppm)
        let rig = try LiveRig(input: tone)
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
        var window = Window(start: WallClockPacer.monotonicNow(), produced: tone.produced.load(ordering: .relaxed))
        let started = window.start
        let startUnderrun = reader.status.underrunSeconds
        for index in 0..<Int(seconds * 50) {
            period.withUnsafeMutableBufferPointer { _ = reader.pull(into: $0) }
            let level = reader.status.bufferSeconds
            if index >= 500 {
                outcome.low = min(outcome.low, level)
                outcome.high = max(outcome.high, level)
            }
            let now = WallClockPacer.monotonicNow()
            window.note(level: level, lag: (now - started) - Double(index) / 50)
            if index % 1_500 == 1_499 {
                let status = reader.status
                let late = tone.worstLateness.withLock { late in defer { late = 0 }; return late }
                let row = window.row(ppm: ppm, second: Double(index + 1) / 50, now: now,
                                     produced: tone.produced.load(ordering: .relaxed),
                                     sourceLate: late,
                                     correction: status.rateAdjustmentPPM,
                                     underrun: status.underrunSeconds - startUnderrun)
                FileHandle.standardError.write(Data((row + "\n").utf8))
                window = Window(start: now, produced: tone.produced.load(ordering: .relaxed))
            }
            pacer.didWrite(frames: 960)
        }
        outcome.adjustment = reader.status.rateAdjustmentPPM
        outcome.underrun = reader.status.underrunSeconds - startUnderrun
        return outcome
    }

    /// One 30 s row of the run's log: the buffer's range, the reader's worst lateness against its schedule, and
    /// (from the frames the source produced) the source's real rate, to tell a late source from a weak correction.
    struct Window {
        let start: Double
        let produced: Int
        var low = Double.infinity
        var high = 0.0
        var lag = 0.0

        mutating func note(level: Double, lag late: Double) {
            low = min(low, level)
            high = max(high, level)
            lag = max(lag, late)
        }

        func row(ppm: Int, second: Double, now: Double, produced total: Int, sourceLate: Double, correction: Int,
                 underrun: Double) -> String {
            let rate = Double(total - produced) / (now - start) / 48_000 - 1
            return String(format: "drift-log %+d ppm t=%4.0f s buffer %.3f-%.3f s correction %+5d ppm "
                          + "source %+6.0f ppm source-late %.3f s reader-late %.3f s underrun %.2f s",
                          ppm, second, low, high, correction, rate * 1e6, sourceLate, lag, underrun)
        }
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
