import CommuneCastTesting
import Foundation

extension ScheduleSupport {
    /// A started daemon holding "ban-tin" (one second) and "dai" (eight seconds: long enough to be still on air when
    /// a test, however slowly it runs on a loaded machine, stops the daemon mid-air).
    static func daemonWithLongMedia() throws -> DaemonHarness {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        let long = try MediaFixtures.sine(frequency: 880, seconds: 8, at: daemon.directory.file("long.opus"))
        let upload = try daemon.cli(["media", "upload", long, "--name", "dai"])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        return daemon
    }

    /// Puts the programmes `programmes` makes for a due instant in force as the schedule file `xa` (with the lead
    /// ``reload(_:lead:_:)`` gives), waits until the first of them is on air, and returns the due instant.
    static func putOnAir(
        _ daemon: DaemonHarness, _ programmes: (Date) -> [(String, String, Date, String)]
    ) throws -> Date {
        let due = try reload(daemon) { due in ["xa": yaml(programmes(due))] }
        let first = programmes(due)[0].0
        let started = try daemon.wait {
            try entries(daemon.asRun(), programme: first).first?["outcome"] as? String == "started"
        }
        guard started else { throw HarnessError("programme '\(first)' did not start:\n\(daemon.log)") }
        return due
    }
}
