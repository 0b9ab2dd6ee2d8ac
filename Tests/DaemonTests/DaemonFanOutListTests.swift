import CommuneCastTesting
import Foundation
import Testing

/// Two running daemons on Unix sockets and one stopped, each with a short announcement "tin", and an inventory.
final class LocalProvince {
    let sites: [DaemonHarness]
    let stopped: DaemonHarness
    let work: TemporaryDirectory
    let inventory: String

    init() throws {
        work = try TemporaryDirectory(prefix: "communecast-local-province")
        sites = try [DaemonHarness(), DaemonHarness()]
        stopped = try DaemonHarness()
        for site in sites {
            try site.start()
            let audio = try MediaFixtures.sine(frequency: 660, seconds: 0.3, at: site.directory.file("tin.opus"))
            let upload = try site.cli(["media", "upload", audio, "--name", "tin"])
            guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        }
        inventory = work.file("province.yaml")
        try """
            sites:
              - {name: an-phu, commune: "30292", address: "unix:\(sites[0].socket)", tags: [coastal]}
              - {name: phu-tan, commune: "30301", address: "unix:\(sites[1].socket)", tags: [coastal]}
              - {name: tinh-bien, commune: "30316", address: "unix:\(stopped.socket)", tags: [inland]}
            """.write(toFile: inventory, atomically: true, encoding: .utf8)
    }

    /// Runs the CLI against the inventory, with a per-site timeout a loaded machine cannot reach.
    func cli(_ arguments: [String]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments + ["--inventory", inventory,
                                                                               "--timeout", "60"])
    }

    /// The rows of a fan-out table, by site name.
    static func row(_ output: ProcessRunner.Output, _ site: String) -> String {
        output.standardOutput.split(separator: "\n").map(String.init).first { $0.hasPrefix(site + " ") } ?? ""
    }

    func cleanUp() {
        for site in sites { site.cleanUp() }
        stopped.cleanUp()
        work.remove()
    }
}

/// Issue 11: a staffer sees which sites aired an alert, and what each site's log holds, without asking each in turn;
/// and a re-push does not give sites that missed the first push a later expiry.
@Suite("communecast alert list and log over an inventory; re-push keeps the first expiry", .serialized)
struct DaemonFanOutListTests {
    @Test("alert list --id over an inventory: where the alert aired, where it never arrived, who did not answer")
    func alertList() throws {
        let province = try LocalProvince()
        defer { province.cleanUp() }
        let push = try province.cli(["alert", "push", "--media", "tin", "--id", "bao-1", "--no-tone",
                                     "--site", "an-phu"])
        #expect(push.status == 0, "\(push.standardOutput)\(push.standardError)")
        let first = province.sites[0]
        #expect(try first.wait { try outcomes(first.asRun(), source: "alert:bao-1") == ["aired"] })

        let table = try province.cli(["alert", "list", "--id", "bao-1", "--all"])
        #expect(table.status == 3, "\(table.standardOutput)\(table.standardError)")
        #expect(LocalProvince.row(table, "an-phu").contains(" ok ")
                && LocalProvince.row(table, "an-phu").contains("bao-1 done 1/1"), "\(table.standardOutput)")
        #expect(LocalProvince.row(table, "phu-tan").contains("alert 'bao-1' not received"), "\(table.standardOutput)")
        #expect(LocalProvince.row(table, "tinh-bien").contains("unreachable"), "\(table.standardOutput)")
        #expect(table.standardOutput.contains("alert list: 3 sites: 2 ok, 1 unreachable"))

        let json = try province.cli(["alert", "list", "--id", "bao-1", "--tag", "coastal", "--json"])
        #expect(json.status == 0, "\(json.standardError)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
            as? [[String: Any]])
        #expect(results.map { $0["site"] as? String } == ["an-phu", "phu-tan"])
        let alerts = results.map { ($0["reply"] as? [[String: Any]]) ?? [] }
        #expect(alerts.map(\.count) == [1, 0])
        #expect(alerts.first?.first?["state"] as? String == "done" && alerts.first?.first?["aired"] as? Int == 1)
    }

    @Test("log over an inventory: outcomes counted per site, every entry in --json, a site column in --csv")
    func log() throws {
        let province = try LocalProvince()
        defer { province.cleanUp() }
        let first = province.sites[0]
        #expect(try first.cli(["play", "tin"]).status == 0)
        #expect(try first.wait { try outcomes(first.asRun(), source: "play:") == ["aired"] })

        let table = try province.cli(["log", "--all"])
        #expect(table.status == 3, "\(table.standardOutput)\(table.standardError)")
        #expect(LocalProvince.row(table, "an-phu").contains("1 entry: 1 aired"), "\(table.standardOutput)")
        #expect(LocalProvince.row(table, "phu-tan").contains("no entries"), "\(table.standardOutput)")
        #expect(LocalProvince.row(table, "tinh-bien").contains("unreachable"))

        let json = try province.cli(["log", "--tag", "coastal", "--json"])
        #expect(json.status == 0, "\(json.standardError)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
            as? [[String: Any]])
        let entries = results.map { ($0["reply"] as? [[String: Any]]) ?? [] }
        #expect(entries.map(\.count) == [1, 0])
        #expect(entries.first?.first?["outcome"] as? String == "aired")
        #expect((entries.first?.first?["source"] as? String)?.hasPrefix("play:") == true)

        let csv = try province.cli(["log", "--all", "--csv"])
        #expect(csv.status == 3)
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first
                == "site,id,planned,started,ended,level,media,source,outcome,status,reason,programme,signed_by")
        #expect(lines.count == 2 && lines[1].hasPrefix("an-phu,") && lines[1].contains(",aired,"), "\(lines)")
        #expect(csv.standardError.contains("tinh-bien: unreachable"))
        #expect(csv.standardError.contains("log: 3 sites: 2 ok, 1 unreachable"))
    }

    @Test("a re-push with --expires 6h gives a site that missed the first push the first push's expiry")
    func rePushKeepsExpiry() throws {
        let province = try LocalProvince()
        defer { province.cleanUp() }
        let first = try province.cli(["alert", "push", "--media", "tin", "--id", "bao-2", "--no-tone",
                                      "--expires", "1h", "--site", "an-phu"])
        #expect(first.status == 0, "\(first.standardOutput)\(first.standardError)")
        let again = try province.cli(["alert", "push", "--media", "tin", "--id", "bao-2", "--no-tone",
                                      "--expires", "6h", "--tag", "coastal"])
        #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
        #expect(again.standardError.contains("alert bao-2 was first issued with expiry"), "\(again.standardError)")
        #expect(LocalProvince.row(again, "an-phu").contains("already received"))
        #expect(LocalProvince.row(again, "phu-tan").contains("pushed"))

        func expiry(_ site: DaemonHarness) throws -> Date? {
            let alerts = try site.json(["alert", "list", "--id", "bao-2"]) as? [[String: Any]]
            return ScheduleSupport.date(alerts?.first?["expires"])
                ?? (alerts?.first?["expires"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }
        }
        let firstExpiry = try #require(try expiry(province.sites[0]))
        let lateExpiry = try #require(try expiry(province.sites[1]))
        #expect(abs(firstExpiry.timeIntervalSince(lateExpiry)) < 0.01, "\(firstExpiry) vs \(lateExpiry)")
        #expect(firstExpiry.timeIntervalSinceNow < 3_700, "the first push's lifetime of 1 h, not 6 h")
    }
}
