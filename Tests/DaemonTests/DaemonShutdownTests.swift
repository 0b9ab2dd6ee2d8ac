import CommuneCastTesting
import Foundation
import Testing

/// SIGTERM is what systemd sends on `systemctl stop`, on shutdown and before a package upgrade restarts the daemon.
@Suite("communecastd: SIGTERM during an alert or a programme loses nothing", .serialized)
struct DaemonShutdownTests {
    @Test("an emergency cut off by SIGTERM airs again, whole, after the restart")
    func emergencySurvivesStop() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        // Long enough to be on air still when SIGTERM comes, however slowly the test sees it play.
        let media = try MediaFixtures.sine(frequency: 1_500, seconds: 8, at: daemon.directory.file("storm.opus"))
        #expect(try daemon.cli(["media", "upload", media, "--name", "storm"]).status == 0)
        #expect(try daemon.cli(["alert", "push", "--media", "storm", "--id", "storm-9"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:storm-9") == ["started"] })
        // Past the attention tone and a second into the alert itself, far from its end.
        try daemon.waitUntilOnAir("alert:storm-9", atLeast: 1)
        #expect(daemon.stop() == 0, "\(daemon.log)")

        // The interrupted airing is in the log as such, and the alert is still owed.
        try daemon.start()
        let first = try daemon.asRun().first { $0["source"] as? String == "alert:storm-9" }
        #expect(first?["outcome"] as? String == "interrupted")
        #expect(first?["reason"] as? String == "daemon shutting down")
        #expect(try daemon.wait {
            let alerts = try daemon.json(["alert", "list"]) as? [[String: Any]]
            let alert = alerts?.first { $0["id"] as? String == "storm-9" }
            return alert?["state"] as? String == "done"
        })
        #expect(try outcomes(daemon.asRun(), source: "alert:storm-9") == ["interrupted", "aired"])

        // The second run opened the capture afresh: it holds the whole alert, attention tone first, then all 8 s.
        let captured = try Signals.readRawS16(path: daemon.capture)
        let windows = MediaFixtures.dominantFrequencies(in: captured, candidates: [853, 1_500])
        #expect(MediaFixtures.runs(windows.filter { $0 != 0 }) == [853, 1_500])
        let alertSeconds = Double(windows.filter { $0 == 1_500 }.count) * 0.1
        #expect(alertSeconds >= 7.8, "only \(alertSeconds) s of the alert aired after the restart")
    }

    @Test("a programme cut off by SIGTERM airs again after the restart within max_late, as after kill -9")
    func programmeSurvivesStop() throws {
        let daemon = try ScheduleSupport.daemonWithLongMedia()
        defer { daemon.cleanUp() }

        // 1. Within its max_late: closed as interrupted at the stop, and played again from the start.
        let onAir = try ScheduleSupport.putOnAir(daemon) { due in [("dang-phat", "dai", due, "max_late: 120")] }
        #expect(daemon.stop() == 0, "\(daemon.log)")
        #expect(try daemon.databaseRows("SELECT outcome FROM asRun WHERE programmeID = 'dang-phat'") == ["interrupted"],
                "the graceful stop itself closes the airing")
        try daemon.start()
        #expect(try daemon.wait {
            try ScheduleSupport.entries(daemon.asRun(), programme: "dang-phat").last?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        let airings = try ScheduleSupport.entries(daemon.asRun(), programme: "dang-phat")
        #expect(airings.map { $0["outcome"] as? String } == ["interrupted", "aired"])
        #expect(airings.allSatisfy { ScheduleSupport.date($0["planned"]) == onAir })

        // 2. Past its max_late when the daemon is back: it stays interrupted and is not played again. A programme
        // due after the restart airs, so by then the recovery is over.
        let late = try ScheduleSupport.putOnAir(daemon) { due in
            [("qua-han", "dai", due, "max_late: 2"), ("sau", "ban-tin", due.addingTimeInterval(10), "max_late: 120")]
        }
        #expect(daemon.stop() == 0, "\(daemon.log)")
        // Restart only once its latest start has passed.
        Thread.sleep(until: late.addingTimeInterval(3))
        try daemon.start()
        #expect(try daemon.wait {
            try ScheduleSupport.entries(daemon.asRun(), programme: "sau").first?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        #expect(try ScheduleSupport.entries(daemon.asRun(), programme: "qua-han").map { $0["outcome"] as? String }
            == ["interrupted"])
    }
}
