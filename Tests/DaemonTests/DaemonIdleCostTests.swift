import CommuneCastTesting
import Foundation
import Testing

/// What an idle site spends while nothing changes: it runs for months between visits.
@Suite("An idle daemon's timers", .serialized)
struct DaemonIdleCostTests {
    /// A thread of the daemon, by the name the kernel shows: its CPU time (ns) and how often it has run, from
    /// `/proc/PID/task/TID/schedstat`.
    static func schedstat(pid: pid_t, thread name: String) -> (runNanoseconds: Double, runs: Int)? {
        for tid in ProcessThreads.named(name, pid: pid) {
            guard let stat = ProcessThreads.read("schedstat", of: tid, pid: pid) else { continue }
            let fields = stat.split(separator: " ").map { String($0).trimmingCharacters(in: .newlines) }
            guard fields.count >= 3, let run = Double(fields[0]), let runs = Int(fields[2]) else { return nil }
            return (run, runs)
        }
        return nil
    }

    @Test("the alert timer wakes every second but reads the store only when something changed or falls due")
    func alertTimerDoesNotReadTheStoreEverySecond() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let pid = try #require(daemon.processIdentifier)
        var first: (runNanoseconds: Double, runs: Int)?
        #expect(daemon.wait { first = Self.schedstat(pid: pid, thread: "cc-alerts"); return first != nil })
        let start = try #require(first)
        // Wait for eight more runs of the thread (about eight seconds), however loaded the machine.
        var last = start
        #expect(daemon.wait(timeout: 120) {
            last = Self.schedstat(pid: pid, thread: "cc-alerts") ?? last
            return last.runs >= start.runs + 8
        })
        let perRun = (last.runNanoseconds - start.runNanoseconds) / Double(max(1, last.runs - start.runs)) / 1e6
        // Reading the alerts table (a look for expired alerts and the pending ones) cost about 0.7 ms a run in a
        // debug build; waking, reading the clock and going back to sleep costs a few hundredths of that.
        #expect(perRun < 0.2, "\(perRun) ms of CPU per run of the alert timer")
    }
}
