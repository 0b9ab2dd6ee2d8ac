import AudioOutput
import Foundation
import Playout
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Counts the engine's attempts to open its device and reads the CPU time and the wake-ups of the engine's own audio
/// thread, which is the thread that opens the device.
///
/// The "does not spin" tests used to measure the whole test process over a fixed second, which counts whatever the
/// suites running beside them do, and fixed how long to watch. With this they wait for a number of retries, check
/// that those took at least the retry interval each, and charge the audio thread alone for the CPU.
final class AudioThreadProbe: Sendable {
    private struct State {
        var attempts: [Double] = []
        var clock: clockid_t?
        /// `/proc/PID/task/TID` of the audio thread.
        var threadDirectory: String?
    }

    private let state = Mutex(State())

    /// Wraps the engine's sink factory: notes each attempt, and the clock of the thread making it.
    func counting(_ makeSink: @escaping PlayoutEngine.SinkFactory) -> PlayoutEngine.SinkFactory {
        { [self] in
            var clock = clockid_t()
            let known = pthread_getcpuclockid(pthread_self(), &clock) == 0
            let threadDirectory = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
            state.withLock { state in
                state.attempts.append(WallClockPacer.monotonicNow())
                state.threadDirectory = threadDirectory
                if known { state.clock = clock }
            }
            return try makeSink()
        }
    }

    /// How many times the engine has tried to open its device.
    var attempts: Int { state.withLock { $0.attempts.count } }

    /// When attempt `index` (from 0) was made, on the monotonic clock.
    func attemptTime(_ index: Int) -> Double { state.withLock { $0.attempts[index] } }

    /// CPU seconds the audio thread has used so far (0 before its first attempt).
    func cpuSeconds() -> Double {
        guard let clock = state.withLock({ $0.clock }) else { return 0 }
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// How many times the audio thread has slept and been woken so far (its voluntary context switches, from
    /// `/proc/PID/task/TID/status`); nil before its first attempt.
    func wakeUps() -> Int? {
        guard let directory = state.withLock({ $0.threadDirectory }),
              let status = try? String(contentsOfFile: "/proc/\(directory)/status", encoding: .utf8)
        else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
        return line.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
    }

    /// The audio thread's name as the kernel shows it (`comm`); nil before its first attempt.
    func threadName() -> String? {
        guard let directory = state.withLock({ $0.threadDirectory }),
              let name = try? String(contentsOfFile: "/proc/\(directory)/comm", encoding: .utf8)
        else { return nil }
        return name.trimmingCharacters(in: .newlines)
    }
}
