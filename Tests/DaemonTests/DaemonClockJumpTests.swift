import CommuneCastTesting
import Foundation
import Testing

/// The daemon under libfaketime (Debian's `faketime` package), whose wall clock the test steps by rewriting an
/// offset file, while the monotonic clock and the rest of the machine keep real time.
@Suite("communecastd: the wall clock jumps forwards and backwards (libfaketime)", .serialized)
struct DaemonClockJumpTests {
    /// Sets the daemon's wall clock to real time plus `seconds`.
    static func setOffset(_ seconds: Int, file: String) throws {
        try (seconds < 0 ? "\(seconds)" : "+\(seconds)").write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test("a forward jump plays what max_late allows and logs the rest missed; a backward jump replays nothing")
    func jumps() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let offsetFile = daemon.directory.file("faketime-offset")
        try Self.setOffset(0, file: offsetFile)
        daemon.environment = [
            "LD_PRELOAD": try FakeTime.library(), "FAKETIME_TIMESTAMP_FILE": offsetFile,
            // Re-read the offset every second; leave the monotonic clock (which paces playout) and file times real.
            "FAKETIME_CACHE_DURATION": "1", "DONT_FAKE_MONOTONIC": "1", "NO_FAKE_STAT": "1",
        ]
        try daemon.start()
        let tone = try MediaFixtures.sine(frequency: 440, seconds: 1, at: daemon.directory.file("b.opus"))
        #expect(try daemon.cli(["media", "upload", tone, "--name", "ban-tin"]).status == 0)

        // Two programmes 20 s ahead: one may start up to ten minutes late, the other only five seconds.
        let planned = ScheduleSupport.instant(in: 20)
        try daemon.writeSchedule("xa", ScheduleSupport.yaml([
            ("muon", "ban-tin", planned, "max_late: 600"),
            ("lo", "ban-tin", planned.addingTimeInterval(2), "max_late: 5"),
        ]))
        #expect(try daemon.cli(["schedule", "reload"]).status == 0)

        // 1. The clock jumps a minute forward, over both.
        try Self.setOffset(60, file: offsetFile)
        #expect(try daemon.wait {
            let log = try daemon.asRun()
            return ScheduleSupport.entries(log, programme: "muon").first?["outcome"] as? String == "aired"
                && !ScheduleSupport.entries(log, programme: "lo").isEmpty
        }, "\(daemon.log)")
        var log = try daemon.asRun()
        let late = try #require(ScheduleSupport.entries(log, programme: "muon").first)
        let lateStart = try #require(ScheduleSupport.date(late["started"]))
        #expect(ScheduleSupport.date(late["planned"]) == planned)
        #expect(lateStart.timeIntervalSince(planned) > 30, "it aired after the jump, late by the jump")
        #expect(lateStart.timeIntervalSinceNow > 30, "the daemon's clock is the stepped one, a minute ahead")
        let missed = try #require(ScheduleSupport.entries(log, programme: "lo").first)
        #expect(missed["outcome"] as? String == "missed", "\(missed)")
        #expect((missed["reason"] as? String)?.contains("max_late is 5 s") == true)
        #expect(daemon.wait { Self.clockSteps(daemon) >= 1 }, "the scheduler noticed the step")

        // 2. The clock jumps back to five seconds before the two programmes; another programme is added after.
        let stepsBefore = Self.clockSteps(daemon)
        try Self.setOffset(Int((planned.timeIntervalSinceNow - 5).rounded()), file: offsetFile)
        // libfaketime rereads the offset once a second: wait until the daemon's own clock is back before the
        // programmes, which it shows by listing today's airing of the first one as still to come.
        #expect(try daemon.wait { try Self.nextAiring(of: "muon", in: "xa", daemon) == planned }, "\(daemon.log)")
        let next = planned.addingTimeInterval(8)
        try daemon.writeSchedule("sau", ScheduleSupport.yaml([("sau", "ban-tin", next, "max_late: 600")]))
        #expect(try daemon.cli(["schedule", "reload"]).status == 0)
        #expect(try daemon.wait {
            ScheduleSupport.entries(try daemon.asRun(), programme: "sau").first?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        #expect(daemon.wait { Self.clockSteps(daemon) > stepsBefore }, "the scheduler noticed the step")
        log = try daemon.asRun()
        let onTime = try #require(ScheduleSupport.entries(log, programme: "sau").first)
        let started = try #require(ScheduleSupport.date(onTime["started"]))
        #expect(ScheduleSupport.date(onTime["planned"]) == next)
        #expect(started.timeIntervalSince(next) >= 0 && started.timeIntervalSince(next) < 0.5,
                "aired \(started.timeIntervalSince(next)) s after its second on the stepped-back clock")
        // The clock passed the first two programmes' time again: neither is played or logged a second time.
        #expect(ScheduleSupport.entries(log, programme: "muon").count == 1, "\(log)")
        #expect(ScheduleSupport.entries(log, programme: "lo").count == 1, "\(log)")
        let health = try daemon.health()
        #expect((health["device"] as? [String: Any])?["state"] as? String == "ok")
    }

    /// The next airing of `programme` in schedule `schedule`, as the daemon computes it from its own clock.
    static func nextAiring(of programme: String, in schedule: String, _ daemon: DaemonHarness) throws -> Date? {
        let shown = try daemon.json(["schedule", "show", schedule]) as? [String: Any]
        let upcoming = shown?["upcoming"] as? [[String: Any]] ?? []
        guard let at = upcoming.first(where: { $0["programme"] as? String == programme })?["at"] as? String else {
            return nil
        }
        return ISO8601DateFormatter().date(from: at) ?? ScheduleSupport.date(at)
    }

    /// How many times the scheduler has logged a step of the wall clock.
    static func clockSteps(_ daemon: DaemonHarness) -> Int {
        daemon.log.components(separatedBy: "the wall clock was set").count - 1
    }
}
