import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd and the CLI agree on details: volume, zones, days, durations, re-adds, conflicts, cancels",
       .serialized)
struct DaemonConsistencyTests {
    @Test("volume -6 works as written; times carry the site's zone in the daemon's log and the table; --day today")
    func volumeZonesAndDays() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia(seconds: 0.3)
        defer { daemon.cleanUp() }
        let volume = try daemon.cli(["volume", "-6"])
        #expect(volume.status == 0, "\(volume.standardError)")
        #expect(volume.standardOutput == "volume -6.0 dB\n")
        #expect(try daemon.health()["volume_db"] as? Double == -6)

        // Every line the daemon logged is stamped like the protocol's times: site zone, offset shown.
        let stamped = daemon.log.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(!stamped.isEmpty)
        for line in stamped.prefix(5) {
            #expect(line.split(separator: " ").first?.hasSuffix("+07:00") == true, "\(line)")
        }

        #expect(try daemon.cli(["play", "ban-tin"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] })
        let today = try daemon.json(["log", "--day", "today"]) as? [[String: Any]] ?? []
        #expect(outcomes(today, source: "play:") == ["aired"])
        let yesterday = try daemon.json(["log", "--day", "yesterday"]) as? [[String: Any]] ?? []
        #expect(yesterday.isEmpty)
        let table = try daemon.cli(["log", "--day", "today"])
        #expect(table.standardOutput.hasPrefix("PLANNED (+07:00)"), "\(table.standardOutput)")
        #expect(try daemon.cli(["log", "--day", "tomorrow"]).status == 2)
    }

    @Test("--interval takes the units --expires takes; a cancel mid-air is logged as cancelled, by whom")
    func durationsAndCancelReason() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia(seconds: 8)
        defer { daemon.cleanUp() }
        let push = try daemon.cli(["alert", "push", "--media", "ban-tin", "--id", "lu-1", "--no-tone", "--repeat", "2",
                                   "--interval", "5m", "--expires", "6h"])
        #expect(push.status == 0, "\(push.standardError)")
        #expect(push.standardOutput.contains("2× every 300 s"), "\(push.standardOutput)")
        let once = try daemon.cli(["alert", "push", "--media", "ban-tin", "--id", "lu-0", "--no-tone", "--level",
                                   "priority"])
        #expect(once.standardOutput.hasPrefix("pushed alert lu-0: priority, actual, pending, once"),
                "\(once.standardOutput)")
        #expect(try daemon.cli(["alert", "cancel", "lu-0"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:lu-1") == ["started"] })
        #expect(try daemon.cli(["alert", "cancel", "lu-1"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:lu-1") == ["cancelled"] })
        let entry = try daemon.asRun().first { $0["source"] as? String == "alert:lu-1" }
        let reason = entry?["reason"] as? String ?? ""
        #expect(reason.hasPrefix("alert cancelled by ") && reason.hasSuffix("(admin)"), "\(reason)")
        #expect(!reason.contains("operator"))
    }

    /// Also: the same file again is `unchanged`, and a clash message keeps its seconds.
    @Test("adding another schedule under a taken name needs --replace and then says replaced")
    func reAddAndConflictSeconds() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        let first = daemon.directory.file("sang.yaml")
        let time = ScheduleSupport.instant(in: 3_600)
        try ScheduleSupport.yaml([("tin-sang", "ban-tin", time, "")]).write(toFile: first, atomically: true,
                                                                           encoding: .utf8)
        #expect(try daemon.cli(["schedule", "add", first]).standardOutput.hasPrefix("added schedule 'sang'"))
        let same = try daemon.cli(["schedule", "add", first])
        #expect(same.status == 0)
        #expect(same.standardOutput.hasPrefix("unchanged schedule 'sang'"), "\(same.standardOutput)")

        let other = daemon.directory.file("other.yaml")
        try ScheduleSupport.yaml([("tin-sang", "ban-tin", time.addingTimeInterval(600), "")])
            .write(toFile: other, atomically: true, encoding: .utf8)
        let refused = try daemon.cli(["schedule", "add", other, "--name", "sang"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("a different schedule 'sang' is already on the site"))
        #expect(refused.standardError.contains("add --replace to replace it"), "\(refused.standardError)")
        let replaced = try daemon.cli(["schedule", "add", other, "--name", "sang", "--replace"])
        #expect(replaced.status == 0, "\(replaced.standardError)")
        #expect(replaced.standardOutput.hasPrefix("replaced schedule 'sang'"))

        // A second-long airing at the same minute: the message shows seconds, never "06:00–06:00".
        let clash = daemon.directory.file("them.yaml")
        try ScheduleSupport.yaml([("them", "ban-tin", time.addingTimeInterval(600), "")])
            .write(toFile: clash, atomically: true, encoding: .utf8)
        let conflict = try daemon.cli(["schedule", "add", clash])
        #expect(conflict.status == 1)
        let start = ScheduleSupport.clock(time.addingTimeInterval(600))
        let end = ScheduleSupport.clock(time.addingTimeInterval(601))
        #expect(conflict.standardError.contains("overlaps 'tin-sang' (\(start)–\(end))"),
                "\(conflict.standardError)")
    }

    @Test("schedule show and list preview what will air: quiet-hours airings are marked skipped, NEXT skips them")
    func previewsFollowQuietHours() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        // Quiet hours cover the next two hours from now; the programme airs in an hour and in three.
        let now = Date()
        let quiet = "{from: \"\(ScheduleSupport.clock(now).prefix(5))\", "
            + "to: \"\(ScheduleSupport.clock(now.addingTimeInterval(7_200)).prefix(5))\"}"
        let inside = ScheduleSupport.instant(in: 3_600)
        let outside = ScheduleSupport.instant(in: 3 * 3_600)
        let file = daemon.directory.file("dem.yaml")
        try ScheduleSupport.yaml(quietHours: quiet, [("trong", "ban-tin", inside, ""),
                                                     ("ngoai", "ban-tin", outside, "")])
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try daemon.cli(["schedule", "add", file]).status == 0)

        let show = try #require(try daemon.json(["schedule", "show", "dem"]) as? [String: Any])
        let upcoming = show["upcoming"] as? [[String: Any]] ?? []
        let first = try #require(upcoming.first)
        #expect(first["programme"] as? String == "trong")
        #expect((first["skipped"] as? String)?.hasPrefix("quiet hours ") == true, "\(first)")
        #expect(upcoming.first { $0["programme"] as? String == "ngoai" }?["skipped"] == nil)
        let table = try daemon.cli(["schedule", "show", "dem"])
        #expect(table.standardOutput.contains("no: skipped, quiet hours"), "\(table.standardOutput)")

        // 'trong' falls in the quiet hours every day, so it has no next airing at all; 'ngoai' airs as planned.
        let list = try daemon.json(["schedule", "list"]) as? [[String: Any]] ?? []
        let programmes = list.first?["programmes"] as? [[String: Any]] ?? []
        let trong = try #require(programmes.first { $0["id"] as? String == "trong" })
        #expect(trong["next"] == nil, "\(trong)")
        let ngoai = programmes.first { $0["id"] as? String == "ngoai" }
        #expect(ScheduleSupport.date(ngoai?["next"]) == outside)
        #expect(show["schedule"].flatMap { ($0 as? [String: Any])?["quiet_hours"] as? String } != nil)
    }
}
