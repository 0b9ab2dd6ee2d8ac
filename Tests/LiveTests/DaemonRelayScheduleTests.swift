import CommuneCastTesting
import Foundation
import Testing

/// Relay programmes in schedule files (issue 18): `stream:` and `duration:` on a programme air on their second through
/// the real daemon, quiet hours skip them as they skip media, `schedule show/next` show them, and `schedule check`
/// lists a relay with its duration and names a malformed one's file, line and key.
@Suite("Daemon: scheduled relays", .serialized)
struct DaemonRelayScheduleTests {
    private static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// `HH:MM:SS` of `date` in the site's zone.
    private static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// A schedule file with one every-day relay programme.
    private static func relay(_ id: String, url: String, at time: Date, duration: String, quietHours: String? = nil)
        -> String {
        (quietHours.map { "quiet_hours: \($0)\n" } ?? "") + """
            programmes:
              - id: \(id)
                stream: ["\(url)"]
                duration: \(duration)
                days: [mon, tue, wed, thu, fri, sat, sun]
                at: ["\(clock(time))"]

            """
    }

    private static func date(_ value: Any?) -> Date? {
        guard let text = value as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    @Test("a relay programme airs on its second for its duration; in quiet hours it is skipped; show and next list it")
    func scheduledRelayAirs() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let url = rig.server.url("/live.opus")
        let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 8).rounded(.up))
        let quiet = "{from: \"\(Self.clock(Date().addingTimeInterval(-60)))\", "
            + "to: \"\(Self.clock(Date().addingTimeInterval(3_600)))\"}"
        try daemon.writeSchedule("tiep-song", Self.relay("vov1-sang", url: url, at: due, duration: "3s"))
        try daemon.writeSchedule("dem", Self.relay("vov1-khuya", url: url, at: due, duration: "3s", quietHours: quiet))
        let reload = try daemon.cli(["schedule", "reload"])
        #expect(reload.status == 0, "\(reload.standardError)")
        try #require(due.timeIntervalSinceNow > 0.5, "setting up took until the programme was due")

        let shown = try daemon.cli(["schedule", "show", "tiep-song"])
        #expect(shown.standardOutput.contains("stream \(url) for 3 s"), "\(shown.standardOutput)")
        let shownJSON = try daemon.cli(["schedule", "show", "tiep-song", "--json"])
        let reply = try JSONSerialization.jsonObject(with: Data(shownJSON.standardOutput.utf8)) as? [String: Any]
        let schedule = reply?["schedule"] as? [String: Any]
        let programme = (schedule?["programmes"] as? [[String: Any]])?.first
        #expect(programme?["stream"] as? [String] == [url], "\(shownJSON.standardOutput)")
        #expect(programme?["duration_s"] as? Double == 3, "\(shownJSON.standardOutput)")
        let next = try daemon.cli(["schedule", "next", daemon.schedules + "/tiep-song.yaml", "--count", "2"])
        #expect(next.standardOutput.contains("vov1-sang"), "\(next.standardOutput)")

        var aired: [String: Any]?
        _ = try daemon.wait(timeout: 90) {
            aired = try daemon.asRun().first {
                $0["programme"] as? String == "vov1-sang" && $0["outcome"] as? String == "aired"
            }
            return aired != nil
        }
        let entry = try #require(aired, "\(daemon.log)")
        #expect(entry["media"] as? String == "stream \(url)")
        let planned = try #require(Self.date(entry["planned"]))
        let started = try #require(Self.date(entry["started"]))
        let ended = try #require(Self.date(entry["ended"]))
        #expect(planned == due)
        #expect(started.timeIntervalSince(planned) < 0.5, "started \(started.timeIntervalSince(planned)) s late")
        #expect(abs(ended.timeIntervalSince(started) - 3) < 0.3, "aired \(ended.timeIntervalSince(started)) s")
        #expect((entry["reason"] as? String)?.contains("playing \(url) (primary) (started)") == true)
        let skipped = try #require(try daemon.asRun().first { $0["programme"] as? String == "vov1-khuya" })
        #expect(skipped["outcome"] as? String == "skipped")
        #expect((skipped["reason"] as? String)?.contains("quiet hours") == true)
    }

    @Test("schedule check lists a relay with its duration and names a malformed relay's file, line and key")
    func checkRelays() throws {
        let directory = try TemporaryDirectory(prefix: "relay-schedules")
        defer { directory.remove() }
        let good = directory.file("tiep-song.yaml")
        try """
            programmes:
              - id: vov1-sang
                stream: [http://radio.tinh.example:8000/vov1.opus, http://b.example/vov1.opus]
                duration: 30m
                days: [mon]
                at: ["06:00"]
            """.write(toFile: good, atomically: true, encoding: .utf8)
        let checked = try ProcessRunner.run(BuiltProducts.path(of: "communecast"), ["schedule", "check", good])
        #expect(checked.status == 0, "\(checked.standardError)")
        let output = checked.standardOutput + checked.standardError
        #expect(output.contains("vov1-sang: stream http://radio.tinh.example:8000/vov1.opus (+1) for 30:00.0"),
                "\(output)")

        let bad = directory.file("bad.yaml")
        try """
            programmes:
              - id: vov1-sang
                stream: ftp://radio.tinh.example/vov1.opus
                days: [mon]
                at: ["06:00"]
            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try ProcessRunner.run(BuiltProducts.path(of: "communecast"), ["schedule", "check", bad])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("bad.yaml"), "\(refused.standardError)")
        #expect(refused.standardError.contains("is not an http:// or https:// URL"), "\(refused.standardError)")
        #expect(refused.standardError.contains("duration"), "\(refused.standardError)")
    }
}
