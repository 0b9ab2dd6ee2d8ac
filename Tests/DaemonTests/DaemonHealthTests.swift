import CommuneCastTesting
import Foundation
import Testing

/// One real daemon, and an inventory that lists it by its Unix socket, so `fleet health` and `health --inventory`
/// can be compared with `health` and `alert list` on the same site.
final class HealthSite {
    let daemon: DaemonHarness
    let inventory: String

    /// Starts the daemon; `schedule` is written to the schedules directory first, as `xa.yaml`.
    init(attentionTone: Double = 0.5, schedule: String? = nil) throws {
        daemon = try DaemonHarness(attentionTone: attentionTone)
        if let schedule { try daemon.writeSchedule("xa", schedule) }
        inventory = daemon.directory.file("province.yaml")
        try """
            sites:
              - {name: an-phu, commune: "30292", address: "unix:\(daemon.socket)", tags: [coastal]}
            """.write(toFile: inventory, atomically: true, encoding: .utf8)
        try daemon.start()
    }

    /// Runs the CLI with the inventory (and a cache of its own for `fleet health`'s last contact).
    func fleet(_ arguments: [String]) throws -> ProcessRunner.Output {
        try daemon.cli(arguments + ["--inventory", inventory],
                       environment: ["XDG_CACHE_HOME": daemon.directory.file("cache")])
    }

    /// Parses JSON output.
    static func parse(_ output: ProcessRunner.Output) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
    }

    /// Uploads a sine of `seconds` as media `name`.
    func upload(_ name: String, seconds: Double) throws {
        let wav = daemon.directory.file("\(name).wav")
        try WAVWriter.write(Signals.sine(frequency: 700, seconds: seconds, sampleRate: 16_000), to: wav,
                            sampleRate: 16_000)
        let upload = try daemon.cli(["media", "upload", wav, "--name", name])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
    }
}

@Suite("communecastd health: kept in memory, told the same way by health, fleet health and monitoring", .serialized)
struct DaemonHealthTests {
    @Test("after a cancel between repeats, health and fleet health say cancelled 1/3, as alert list does")
    func cancelledAlert() throws {
        let site = try HealthSite()
        defer { site.daemon.cleanUp() }
        try site.upload("chuong", seconds: 0.3)
        let push = try site.daemon.cli(["alert", "push", "--media", "chuong", "--id", "bao-so-9", "--repeat", "3",
                                        "--interval", "60", "--no-tone"])
        #expect(push.status == 0, "\(push.standardError)")
        #expect(try site.daemon.wait {
            try site.daemon.asRun().contains {
                $0["source"] as? String == "alert:bao-so-9" && $0["outcome"] as? String == "aired"
            }
        }, "the first airing did not end: \(site.daemon.log)")
        let cancel = try site.fleet(["alert", "cancel", "bao-so-9", "--all"])
        #expect(cancel.status == 0, "\(cancel.standardOutput)\(cancel.standardError)")

        let alerts = try #require(try site.daemon.json(["alert", "list"]) as? [[String: Any]])
        let listed = try #require(alerts.first { $0["id"] as? String == "bao-so-9" })
        #expect(listed["state"] as? String == "cancelled" && listed["aired"] as? Int == 1)

        let last = try #require(try site.daemon.health()["last_alert"] as? [String: Any])
        #expect(last["id"] as? String == "bao-so-9")
        #expect(last["outcome"] as? String == "cancelled")
        #expect(last["state"] as? String == "cancelled")
        #expect(last["aired"] as? Int == 1 && last["repeat"] as? Int == 3)
        #expect(try site.daemon.cli(["health"]).standardOutput.contains("last alert  bao-so-9 cancelled 1/3"))

        let rows = try #require(try HealthSite.parse(site.fleet(["fleet", "health", "--json"])) as? [[String: Any]])
        #expect(rows.first?["last_alert"] as? String == "bao-so-9 cancelled 1/3")
        let table = try site.fleet(["fleet", "health"])
        #expect(table.standardOutput.contains("bao-so-9 cancelled 1/3"), "\(table.standardOutput)")
    }

    @Test("an idle site with its device closed is healthy: device_ok 1, and health --inventory and fleet health agree")
    func idleSiteIsHealthy() throws {
        let site = try HealthSite()
        defer { site.daemon.cleanUp() }
        let health = try site.daemon.health()
        #expect((health["device"] as? [String: Any])?["state"] as? String == "closed")
        // The test machine's clock may or may not be synchronised; that, and only that, may make the site warn.
        let synchronised = try #require(health["clock_synchronized"] as? Bool)
        let expected = synchronised ? "ok" : "warning"

        let metrics = site.daemon.directory.file("communecast.prom")
        let fleet = try site.fleet(["fleet", "health", "--json", "--prometheus", metrics])
        let rows = try #require(try HealthSite.parse(fleet) as? [[String: Any]])
        #expect(rows.first?["state"] as? String == expected)
        #expect(rows.first?["problems"] as? [String] == (synchronised ? [] : ["clock not synchronised"]))
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(text.contains(#"communecast_site_device_ok{site="an-phu",commune="30292"} 1"#), "\(text)")
        #expect(text.contains(#"communecast_site_state{site="an-phu",commune="30292"} \#(synchronised ? 0 : 1)"#))

        let inventory = try site.fleet(["health", "--all", "--json"])
        let results = try #require(try HealthSite.parse(inventory) as? [[String: Any]])
        #expect(results.first?["state"] as? String == expected)
        #expect(results.first?["result"] as? String == "ok")
        #expect(inventory.status == fleet.status, "the same site gives the same exit status")
        let table = try site.fleet(["health", "--all"])
        #expect(table.standardOutput.contains("health: 1 site: 1 \(expected)"), "\(table.standardOutput)")

        // snake_case keys, as everywhere else.
        for row in rows {
            for key in row.keys { #expect(key == key.lowercased(), "camelCase key \(key) in fleet health --json") }
        }
    }

    @Test("while the attention tone plays, health shows the tone's length, then the alert media's own")
    func toneLength() throws {
        // Tone and media each last long enough for health, polled through the CLI on a loaded machine, to see them.
        let site = try HealthSite(attentionTone: 6)
        defer { site.daemon.cleanUp() }
        try site.upload("lu-lut", seconds: 8)
        let push = try site.daemon.cli(["alert", "push", "--media", "lu-lut", "--id", "lu"])
        #expect(push.status == 0, "\(push.standardError)")
        var tone: [String: Any] = [:]
        #expect(try site.daemon.wait {
            tone = (try site.daemon.health()["now_playing"] as? [String: Any]) ?? [:]
            return tone["name"] as? String == "attention tone"
        }, "the tone never showed: \(site.daemon.log)")
        #expect(tone["duration_s"] as? Double == 6)
        #expect((tone["position_s"] as? Double ?? -1) <= 6)
        var media: [String: Any] = [:]
        #expect(try site.daemon.wait {
            media = (try site.daemon.health()["now_playing"] as? [String: Any]) ?? [:]
            return media["name"] as? String == "lu-lut"
        }, "the media never showed")
        let duration = try #require(media["duration_s"] as? Double)
        #expect(abs(duration - 8) < 0.1, "\(duration)")
    }

    @Test("a schedule file naming media the site lacks warns in health until the media is uploaded")
    func scheduleWarnings() throws {
        let schedule = "programmes:\n  - {id: tin, media: tin-sang, days: [mon], at: [\"05:30\"]}\n"
        let site = try HealthSite(schedule: schedule)
        defer { site.daemon.cleanUp() }
        let warnings = try #require(try site.daemon.health()["schedule_warnings"] as? [String])
        #expect(warnings.count == 1 && warnings[0].contains("tin-sang"), "\(warnings)")
        let text = try site.daemon.cli(["health"]).standardOutput
        #expect(text.contains("state       warning"), "\(text)")
        #expect(text.contains("1 schedule warning"))
        let rows = try #require(try HealthSite.parse(site.fleet(["fleet", "health", "--json"])) as? [[String: Any]])
        #expect(rows.first?["state"] as? String == "warning")
        #expect((rows.first?["problems"] as? [String])?.contains("1 schedule warning") == true)
        try site.upload("tin-sang", seconds: 0.2)
        #expect(try site.daemon.health()["schedule_warnings"] as? [String] == [])
    }

    @Test("health sees every store write at once, and connection chatter stays out of the log")
    func readsItsOwnWrites() throws {
        let site = try HealthSite()
        defer { site.daemon.cleanUp() }
        #expect(try site.daemon.health()["media_count"] as? Int == 0)
        try site.upload("chuong", seconds: 0.2)
        let stored = try site.daemon.health()
        #expect(stored["media_count"] as? Int == 1)
        #expect((stored["media_bytes"] as? Int ?? 0) > 0)
        #expect(try site.daemon.cli(["media", "rm", "chuong"]).status == 0)
        #expect(try site.daemon.health()["media_count"] as? Int == 0)
        #expect(site.daemon.log.contains("control server listening"))
        #expect(!site.daemon.log.contains("accepted control connection"), "connection chatter belongs at debug")
    }
}
