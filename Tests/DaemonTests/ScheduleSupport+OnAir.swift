import CommuneCastTesting
import Foundation

extension ScheduleSupport {
    /// A started daemon holding "ban-tin" (one second) and "dai" (four seconds, long enough to stop it mid-air).
    static func daemonWithLongMedia() throws -> DaemonHarness {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        let long = try MediaFixtures.sine(frequency: 880, seconds: 4, at: daemon.directory.file("long.opus"))
        let upload = try daemon.cli(["media", "upload", long, "--name", "dai"])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        return daemon
    }

    /// Puts `programmes` in force as the schedule file `xa` and waits until the first of them is on air.
    static func putOnAir(_ daemon: DaemonHarness, _ programmes: [(String, String, Date, String)]) throws -> Bool {
        try daemon.writeSchedule("xa", yaml(programmes))
        guard try daemon.cli(["schedule", "reload"]).status == 0 else { return false }
        return try daemon.wait(timeout: 15) {
            try entries(daemon.asRun(), programme: programmes[0].0).first?["outcome"] as? String == "started"
        }
    }
}
