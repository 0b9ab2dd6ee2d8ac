import CommuneCastTesting
import Foundation
import Testing

/// Issue 11: schedule files are the operator's own, so the site keeps them in force, but it reports what will go
/// wrong with them (media it does not hold, same-level clashes) at load, on reload, in the log and in health.
@Suite("communecastd: warnings for schedule files with missing media or clashes", .serialized)
struct DaemonScheduleWarningTests {
    @Test("a file naming media the site lacks is reported at load, on reload and in health, and never warms the amp")
    func missingMedia() throws {
        let relay = try TemporaryDirectory()
        defer { relay.remove() }
        let relayLog = relay.file("relay.log")
        let daemon = try DaemonHarness(amplifier: DaemonAmplifierTests.commandRelay(log: relayLog))
        defer { daemon.cleanUp() }
        // The file is there before the daemon starts: the warning is in the start-up log. The programme is due late
        // enough for a slow start to have planned it.
        let due = ScheduleSupport.instant(in: 10)
        try daemon.writeSchedule("xa", ScheduleSupport.yaml([("tin-sang", "khong-co", due, "")]))
        try daemon.start()
        try ScheduleSupport.requireAhead(of: due)
        let path = "\(daemon.schedules)/xa.yaml"
        let expected = "\(path): programme 'tin-sang': media 'khong-co' is not stored on this site"
        #expect(daemon.wait { daemon.log.contains("schedule warning") && daemon.log.contains(expected) },
                "\(daemon.log)")

        let reload = try daemon.cli(["schedule", "reload"])
        #expect(reload.status == 0, "\(reload.standardError)")
        #expect(reload.standardError.contains("warning: \(expected)"), "\(reload.standardError)")
        let reply = try daemon.json(["schedule", "reload"]) as? [String: Any]
        #expect((reply?["warnings"] as? [String])?.count == 1)
        #expect((reply?["schedules"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["xa"],
                "the file stays in force")
        #expect(((try daemon.health())["schedule_warnings"] as? [String])?.first?.hasPrefix(expected) == true)
        #expect(try daemon.cli(["health"]).standardOutput.contains("schedules   WARNING: \(expected)"))

        // At its time it fails, logged as an error, and the amplifier was never switched on for it.
        #expect(try daemon.wait {
            try ScheduleSupport.entries(daemon.asRun(), programme: "tin-sang").first?["outcome"] as? String == "failed"
        }, "\(daemon.log)")
        let failure = daemon.log.split(separator: "\n").first { $0.contains("programme not aired") } ?? ""
        #expect(failure.contains("error"), "\(failure)")
        #expect(!((try? String(contentsOfFile: relayLog, encoding: .utf8)) ?? "").contains("on"),
                "the amplifier was switched on for media that is not there")

        // Uploading the media clears the warning.
        let audio = try MediaFixtures.sine(frequency: 440, seconds: 0.3, at: daemon.directory.file("k.opus"))
        #expect(try daemon.cli(["media", "upload", audio, "--name", "khong-co"]).status == 0)
        #expect(((try daemon.health())["schedule_warnings"] as? [String]) == [])
        #expect(daemon.log.contains("schedule warning resolved"))
    }

    @Test("files that clash with each other or with an added schedule are kept and reported, naming both")
    func clashes() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia(seconds: 1)
        defer { daemon.cleanUp() }
        let morning = ScheduleSupport.instant(in: 7_200)
        let evening = ScheduleSupport.instant(in: 9_000)
        let added = daemon.directory.file("them.yaml")
        try ScheduleSupport.yaml([("them-toi", "ban-tin", evening, "")]).write(toFile: added, atomically: true,
                                                                               encoding: .utf8)
        #expect(try daemon.cli(["schedule", "add", added, "--name", "them"]).status == 0)
        try daemon.writeSchedule("xa", ScheduleSupport.yaml([("sang", "ban-tin", morning, "")]))
        try daemon.writeSchedule("dem", ScheduleSupport.yaml([
            ("sang-2", "ban-tin", morning, ""), ("toi", "ban-tin", evening, ""),
        ]))
        let reload = try daemon.cli(["schedule", "reload"])
        #expect(reload.status == 0, "\(reload.standardError)")
        let warnings = reload.standardError.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        let dem = "\(daemon.schedules)/dem.yaml"
        let xa = "\(daemon.schedules)/xa.yaml"
        #expect(warnings.count == 2, "\(reload.standardError)")
        #expect(warnings.contains { $0.contains("\(dem): programme 'toi' at ") && $0.contains("overlaps 'them-toi'")
            && $0.contains("of schedule 'them' (added)") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("\(xa): programme 'sang' at ") && $0.contains("overlaps 'sang-2'")
            && $0.contains("of \(dem)") }, "\(warnings)")
        let days = [ScheduleSupport.day(morning), ScheduleSupport.day(evening)]
        #expect(warnings.allSatisfy { warning in days.contains { warning.contains($0) } }, "the first clashing time")
        let listed = try daemon.json(["schedule", "list"]) as? [[String: Any]] ?? []
        #expect(Set(listed.compactMap { $0["id"] as? String }) == ["dem", "them", "xa"], "nothing is refused")
        #expect(daemon.log.split(separator: "\n").filter { $0.contains("schedule warning") }.count >= 2)
        #expect(((try daemon.health())["schedule_warnings"] as? [String])?.count == 2)
    }
}
