import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd: kill -9 loses nothing acknowledged and leaves no partial media", .serialized)
struct DaemonCrashTests {
    @Test("after kill -9, acknowledged media and alerts are there, pending repeats continue, no partial files")
    func killDuringWork() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let tone = try MediaFixtures.sine(frequency: 700, seconds: 0.3, at: daemon.directory.file("t.opus"))
        #expect(try daemon.cli(["media", "upload", tone, "--name", "kept"]).status == 0)
        #expect(try daemon.cli(["alert", "push", "--media", "kept", "--id", "crash-1", "--repeat", "3", "--interval",
                                "2", "--no-tone"]).status == 0)
        // An upload big enough to be mid-pipeline when the daemon dies (sent as is, so the daemon encodes it).
        let big = daemon.directory.file("big.wav")
        try WAVWriter.write(Signals.speechLike(seconds: 60, sampleRate: 48_000, peak: 0.5), to: big, sampleRate: 48_000)
        let uploader = Process()
        uploader.executableURL = URL(fileURLWithPath: BuiltProducts.path(of: "communecast"))
        uploader.arguments = ["media", "upload", big, "--name", "interrupted", "--as-is",
                              "--connect", "unix:\(daemon.socket)"]
        uploader.standardError = FileHandle.nullDevice
        uploader.standardOutput = FileHandle.nullDevice
        try uploader.run()
        // Mid-pipeline: the daemon has written the upload to a temporary file and is encoding it.
        let media = daemon.directory.file("state/media")
        #expect(daemon.wait {
            ((try? FileManager.default.contentsOfDirectory(atPath: media)) ?? []).contains { $0.hasPrefix(".") }
        }, "the upload never reached the daemon's pipeline: \(daemon.log)")
        daemon.stop(signal: SIGKILL)
        uploader.waitUntilExit()

        try daemon.start()
        let names = (try daemon.json(["media", "list"]) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("kept"))
        let files = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.file("state/media"))
        #expect(files.allSatisfy { !$0.hasPrefix(".") }, "partial files left: \(files)")
        #expect(files.count == names.count, "files \(files) vs rows \(names)")
        let health = try daemon.json(["health"]) as? [String: Any]
        #expect(health?["database_ok"] as? Bool == true)
        #expect(try daemon.wait {
            let alert = (try daemon.json(["alert", "list"]) as? [[String: Any]])?.first { $0["id"] as? String == "crash-1" }
            return alert?["state"] as? String == "done" && alert?["aired"] as? Int == 3
        })
    }

    @Test("kill -9 during schedule writes: the database checks out and every acknowledged schedule is there, whole")
    func killDuringScheduleWrites() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        // Forty schedules a minute apart from two hours on, so none clashes; a shell loop adds them one by one and
        // notes each that the CLI acknowledged, while the daemon is killed part of the way through.
        let base = ScheduleSupport.instant(in: 7_200)
        var texts: [String: String] = [:]
        for index in 0..<40 {
            let text = ScheduleSupport.yaml([("p\(index)", "ban-tin", base.addingTimeInterval(Double(index) * 60), "")])
            texts["s\(index)"] = text
            try text.write(toFile: daemon.directory.file("s\(index).yaml"), atomically: true, encoding: .utf8)
        }
        let acknowledged = daemon.directory.file("acknowledged")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", """
            for i in $(seq 0 39); do
              "$CLI" schedule add "$DIR/s$i.yaml" --name "s$i" --connect "unix:$SOCK" >/dev/null 2>&1 \\
                && echo "s$i" >> "$DIR/acknowledged"
            done
            """]
        writer.environment = ["CLI": BuiltProducts.path(of: "communecast"), "DIR": daemon.directory.path,
                              "SOCK": daemon.socket, "PATH": "/usr/bin:/bin"]
        try writer.run()
        #expect(daemon.wait { Self.lines(acknowledged).count >= 5 }, "\(daemon.log)")
        daemon.stop(signal: SIGKILL)
        writer.waitUntilExit()
        let acked = Self.lines(acknowledged)
        #expect(acked.count >= 5 && acked.count < 40, "acknowledged \(acked.count) of 40")

        try daemon.start()
        #expect(try Self.integrityCheck(daemon) == "ok")
        let listed = (try daemon.json(["schedule", "list"]) as? [[String: Any]] ?? [])
        let ids = Set(listed.compactMap { $0["id"] as? String })
        #expect(Set(acked).isSubset(of: ids), "acknowledged \(acked), listed \(ids.sorted())")
        // Anything listed (the acknowledged ones, and perhaps the one in flight) is whole: the YAML as sent and
        // its programme in force.
        for id in ids {
            let shown = try daemon.json(["schedule", "show", id]) as? [String: Any]
            #expect(shown?["yaml"] as? String == texts[id], "schedule \(id) is not as sent")
            let programmes = (shown?["schedule"] as? [String: Any])?["programmes"] as? [[String: Any]] ?? []
            #expect(programmes.compactMap { $0["id"] as? String } == ["p\(id.dropFirst())"])
        }
        // The store still takes writes after the crash.
        #expect(try daemon.cli(["schedule", "add", daemon.directory.file("s39.yaml"), "--name", "s39"]).status == 0)
    }

    @Test("kill -9 during playback: the programme on air and the one queued behind an alert air again after restart")
    func killDuringPlayback() throws {
        let daemon = try ScheduleSupport.daemonWithLongMedia()
        defer { daemon.cleanUp() }

        // 1. An eight-second programme is killed one and a half seconds in.
        let onAir = try ScheduleSupport.putOnAir(daemon) { due in [("dang-phat", "dai", due, "max_late: 120")] }
        try daemon.waitUntilOnAir("schedule:dang-phat", atLeast: 1.5)
        daemon.stop(signal: SIGKILL)
        try daemon.start()
        #expect(try daemon.wait {
            try ScheduleSupport.entries(daemon.asRun(), programme: "dang-phat").count == 2
                && ScheduleSupport.entries(daemon.asRun(), programme: "dang-phat").last?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        let airings = try ScheduleSupport.entries(daemon.asRun(), programme: "dang-phat")
        #expect(airings.map { $0["outcome"] as? String } == ["interrupted", "aired"])
        #expect(airings.allSatisfy { ScheduleSupport.date($0["planned"]) == onAir })
        #expect((airings.first?["reason"] as? String)?.contains("daemon stopped while it was on air") == true)

        // 2. An emergency alert is on air and a programme due meanwhile waits behind it; the daemon is killed once
        // the scheduler has recorded that it handed the programme over (the log line comes just before that record).
        let alertAudio = try MediaFixtures.sine(frequency: 660, seconds: 16, at: daemon.directory.file("alert.opus"))
        #expect(try daemon.cli(["media", "upload", alertAudio, "--name", "canh-bao"]).status == 0)
        #expect(try daemon.cli(["alert", "push", "--media", "canh-bao", "--id", "lu-1", "--no-tone"]).status == 0)
        _ = try ScheduleSupport.reload(daemon) { due in
            ["xa": ScheduleSupport.yaml([
                ("dang-phat", "dai", onAir, "max_late: 120"), ("cho", "ban-tin", due, "max_late: 120"),
            ])]
        }
        #expect(try daemon.wait {
            try daemon.storedSetting("scheduler.handed_over")?.contains("\"cho\"") == true
        }, "\(daemon.log)")
        #expect(try daemon.onAir()?.source == "alert:lu-1", "the alert is still on air when the daemon dies")
        daemon.stop(signal: SIGKILL)
        #expect(try daemon.databaseRows("SELECT count(*) FROM asRun WHERE programmeID = 'cho'") == ["0"],
                "the programme had not started when the daemon died")
        try daemon.start()
        #expect(try daemon.wait {
            ScheduleSupport.entries(try daemon.asRun(), programme: "cho").first?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        let log = try daemon.asRun()
        let alert = log.filter { $0["source"] as? String == "alert:lu-1" }
        #expect(alert.map { $0["outcome"] as? String } == ["interrupted", "aired"], "\(alert)")
        let alertEnd = try #require(ScheduleSupport.date(alert.last?["ended"]))
        let programmeStart = try #require(ScheduleSupport.date(
            ScheduleSupport.entries(log, programme: "cho").first?["started"]))
        #expect(programmeStart >= alertEnd, "the programme waited for the alert")
        #expect(try Self.integrityCheck(daemon) == "ok")
    }

    /// The lines of a text file, none when it does not exist.
    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// SQLite's own `PRAGMA integrity_check` of the daemon's database.
    static func integrityCheck(_ daemon: DaemonHarness) throws -> String {
        try daemon.databaseRows("PRAGMA integrity_check").joined(separator: "\n")
    }
}
