import CommuneCastTesting
import Foundation
import Testing
import Uplink

/// The province's side of call home through the real CLI (issue 15): `alert send --via` publishes once and gathers
/// each site's answer, `fleet health --via` reads the retained health and status without touching the sites.
@Suite("communecast --via: alert send and fleet health through the call-home broker", .serialized)
struct DaemonCallHomeCLITests {
    /// A broker and two sites calling home to it, xa-an-phu and xa-phu-tan; `cleanUp` stops all three.
    private struct TwoSites {
        let broker: TestBroker
        let first: CallHomeSite
        let second: CallHomeSite

        init() throws {
            broker = try TestBroker()
            do {
                first = try CallHomeSite("xa-an-phu", brokers: [broker])
            } catch {
                broker.remove()
                throw error
            }
            do {
                second = try CallHomeSite("xa-phu-tan", brokers: [broker])
            } catch {
                first.cleanUp()
                broker.remove()
                throw error
            }
        }

        func cleanUp() {
            second.cleanUp()
            first.cleanUp()
            broker.remove()
        }
    }

    /// Runs `communecast` as so-tt-an-giang with `--via` the broker, its last-contact cache in `cache`.
    private static func cli(_ arguments: [String], broker: TestBroker, cache: TemporaryDirectory) throws
        -> ProcessRunner.Output {
        let pki = broker.pki
        return try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments + [
            "--via", "mqtts://localhost:\(broker.port)", "--cert", pki.file("so-tt-an-giang.pem"),
            "--key", pki.file("so-tt-an-giang.key"), "--ca", pki.file("province-ca.pem"),
        ], environment: ["XDG_CACHE_HOME": cache.path])
    }

    private static func objects(_ output: ProcessRunner.Output) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [[String: Any]] ?? []
    }

    /// An inventory of the three test sites; xa-cho-moi never runs.
    private static func inventory(in directory: TemporaryDirectory) throws -> String {
        let file = directory.file("province.yaml")
        try """
            sites:
              - {name: xa-an-phu, commune: "30316", address: "unix:/nonexistent/a.sock", tags: [ven-song]}
              - {name: xa-phu-tan, commune: "30317", address: "unix:/nonexistent/b.sock", tags: [ven-song]}
              - {name: xa-cho-moi, commune: "30318", address: "unix:/nonexistent/c.sock", tags: [ven-song]}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("alert send --via: one publish, both sites ok, a site that never connected offline, exit 3; again: 0")
    func alertSend() async throws {
        let sites = try TwoSites()
        defer { sites.cleanUp() }
        let (broker, first, second) = (sites.broker, sites.first, sites.second)
        #expect(await first.waitUntilConnected(), "\(first.daemon.log)")
        #expect(await second.waitUntilConnected(), "\(second.daemon.log)")
        let work = try TemporaryDirectory(prefix: "callhome-cli")
        defer { work.remove() }
        let file = work.file("bao-cli.jws")
        try Data(try await CallHomeSite.envelope(id: "bao-cli", pki: broker.pki)).write(to: URL(fileURLWithPath: file))

        let sent = try Self.cli(["alert", "send", file, "--group", CallHomeSite.group, "--inventory",
                                 try Self.inventory(in: work), "--tag", "ven-song", "--timeout", "30"],
                                broker: broker, cache: work)
        #expect(sent.status == 3, "\(sent.standardOutput)\(sent.standardError)")
        let lines = sent.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("SITE") == true && lines.first?.contains("RESULT") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("xa-an-phu") && $0.contains(" ok ") }, "\(sent.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-phu-tan") && $0.contains(" ok ") }, "\(sent.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-cho-moi") && $0.contains("offline") }, "\(sent.standardOutput)")
        #expect(sent.standardOutput.contains("alert send: 3 sites: 2 ok, 1 offline"), "\(sent.standardOutput)")
        #expect(try await first.waitUntilAired("bao-cli"))
        #expect(try await second.waitUntilAired("bao-cli"))

        // Without an inventory: every site the broker knows, both answering duplicate.
        let again = try Self.cli(["alert", "send", file, "--group", CallHomeSite.group, "--json", "--timeout", "60"],
                                 broker: broker, cache: work)
        #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
        let entries = Self.objects(again)
        #expect(entries.map { $0["site"] as? String } == ["xa-an-phu", "xa-phu-tan"], "\(entries)")
        #expect(entries.allSatisfy { $0["result"] as? String == "ok" && $0["message"] as? String == "duplicate" },
                "\(entries)")
        #expect(try first.airings("bao-cli") == 1 && second.airings("bao-cli") == 1)
    }

    @Test("alert cancel --via: a signed CancelAlert to each site; offline and unknown sites reported, exit 3")
    func alertCancel() async throws {
        let sites = try TwoSites()
        defer { sites.cleanUp() }
        let (broker, first, second) = (sites.broker, sites.first, sites.second)
        #expect(await first.waitUntilConnected(), "\(first.daemon.log)")
        #expect(await second.waitUntilConnected(), "\(second.daemon.log)")
        let office = try await CallHomeSite.office([broker], subscribing: false)
        for site in [first, second] {
            #expect(try await site.waitUntilSubscribed(office: office), "\(site.daemon.log)")
        }
        await office.close()
        let work = try TemporaryDirectory(prefix: "callhome-cancel")
        defer { work.remove() }
        let file = work.file("lap-lai.jws")
        try Data(try await CallHomeSite.envelope(id: "lap-lai", pki: broker.pki, repeatCount: 50))
            .write(to: URL(fileURLWithPath: file))
        let sent = try Self.cli(["alert", "send", file, "--group", CallHomeSite.group, "--timeout", "30"],
                                broker: broker, cache: work)
        #expect(sent.status == 0, "\(sent.standardOutput)\(sent.standardError)")
        #expect(try await first.waitUntilAired("lap-lai"))
        #expect(try await second.waitUntilAired("lap-lai"))

        let cancelled = try Self.cli(["alert", "cancel", "lap-lai", "--inventory", try Self.inventory(in: work),
                                      "--all", "--json", "--timeout", "60"], broker: broker, cache: work)
        #expect(cancelled.status == 3, "\(cancelled.standardOutput)\(cancelled.standardError)")
        let rows = Self.objects(cancelled)
        let results = Dictionary(rows.map { ($0["site"] as? String ?? "", $0["result"] as? String ?? "") }) { $1 }
        #expect(results == ["xa-an-phu": "ok", "xa-phu-tan": "ok", "xa-cho-moi": "offline"], "\(rows)")
        #expect(try first.daemon.databaseRows("SELECT state FROM alert WHERE id = 'lap-lai'") == ["cancelled"])
        let audit = try second.daemon.auditRows()
        #expect(audit.contains { $0.hasPrefix("mqtt signed subject=CN=so-tt-an-giang") && $0.hasSuffix("|ok")
            && $0.contains("CancelAlert") }, "\(audit)")

        let unknown = try Self.cli(["alert", "cancel", "no-such-alert", "--timeout", "60"], broker: broker, cache: work)
        #expect(unknown.status == 1, "\(unknown.standardOutput)\(unknown.standardError)")
        #expect(unknown.standardOutput.contains("alert cancel: 2 sites: 2 error"), "\(unknown.standardOutput)")
    }

    @Test("schedule add --via: the file in force on both sites through signed calls; again, it is unchanged")
    func scheduleAdd() async throws {
        let sites = try TwoSites()
        defer { sites.cleanUp() }
        let (broker, first, second) = (sites.broker, sites.first, sites.second)
        #expect(await first.waitUntilConnected(), "\(first.daemon.log)")
        #expect(await second.waitUntilConnected(), "\(second.daemon.log)")
        for site in [first, second] { _ = try SignedAlertSite.upload(to: site.daemon, name: "bao", frequency: 600) }
        let office = try await CallHomeSite.office([broker], subscribing: false)
        for site in [first, second] {
            #expect(try await site.waitUntilSubscribed(office: office), "\(site.daemon.log)")
        }
        await office.close()
        let work = try TemporaryDirectory(prefix: "callhome-schedule")
        defer { work.remove() }
        let file = work.file("sang.yaml")
        try ScheduleSupport.yaml([("tin-sang", "bao", ScheduleSupport.instant(in: 3_600), "")])
            .write(toFile: file, atomically: true, encoding: .utf8)

        let added = try Self.cli(["schedule", "add", file, "--timeout", "60"], broker: broker, cache: work)
        #expect(added.status == 0, "\(added.standardOutput)\(added.standardError)")
        #expect(added.standardOutput.contains("schedule add: 2 sites: 2 ok"), "\(added.standardOutput)")
        #expect(added.standardOutput.split(separator: "\n").filter { $0.contains("added 'sang'") }.count == 2,
                "\(added.standardOutput)")
        for site in [first, second] {
            #expect(try site.daemon.databaseRows("SELECT id FROM schedule") == ["sang"])
        }
        let again = try Self.cli(["schedule", "add", file, "--json", "--timeout", "60"], broker: broker, cache: work)
        #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
        #expect(Self.objects(again).allSatisfy { $0["message"] as? String == "unchanged 'sang'" },
                "\(again.standardOutput)")
        let health = try Self.cli(["health", "--timeout", "60"], broker: broker, cache: work)
        #expect(health.status == 0 && health.standardOutput.contains("health: 2 sites: 2 ok"),
                "\(health.standardOutput)\(health.standardError)")
    }

    @Test("fleet health --via: the table, JSON, Nagios and Prometheus outputs from the retained messages")
    func fleetHealth() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let running = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { running.cleanUp() }
        let stopped = try CallHomeSite("xa-phu-tan", brokers: [broker])
        defer { stopped.cleanUp() }
        #expect(await running.waitUntilConnected())
        #expect(await stopped.waitUntilConnected())
        #expect(stopped.daemon.stop() == 0)
        let work = try TemporaryDirectory(prefix: "callhome-health")
        defer { work.remove() }

        // The health is published right after connecting; read until the running site's is there.
        var rows: [[String: Any]] = []
        _ = try await Poll.until(timeout: .seconds(90), every: .milliseconds(500)) {
            rows = Self.objects(try Self.cli(["fleet", "health", "--json", "--timeout", "20"], broker: broker,
                                             cache: work))
            return rows.contains { $0["site"] as? String == "xa-an-phu" && $0["health"] != nil }
                && rows.contains { $0["site"] as? String == "xa-phu-tan" && $0["state"] as? String == "offline" }
        }
        let up = rows.first { $0["site"] as? String == "xa-an-phu" }
        #expect(up?["state"] as? String == "ok" || up?["state"] as? String == "warning", "\(rows)")
        #expect((up?["address"] as? String)?.hasPrefix("via mqtts://localhost:") == true, "\(rows)")
        let down = rows.first { $0["site"] as? String == "xa-phu-tan" }
        #expect((down?["problem"] as? String)?.contains("stopped") == true, "\(rows)")

        let table = try Self.cli(["fleet", "health", "--inventory", try Self.inventory(in: work), "--prometheus",
                                  work.file("fleet.prom")], broker: broker, cache: work)
        #expect(table.status == 3, "\(table.standardOutput)\(table.standardError)")
        #expect(table.standardOutput.contains("fleet health: 3 sites:"), "\(table.standardOutput)")
        let lines = table.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("xa-cho-moi") && $0.contains("offline") }, "\(table.standardOutput)")
        let metrics = try String(contentsOfFile: work.file("fleet.prom"), encoding: .utf8)
        #expect(metrics.contains("communecast_site_up{site=\"xa-an-phu\",commune=\"30316\"} 1"), "\(metrics)")
        #expect(metrics.contains("communecast_site_up{site=\"xa-phu-tan\",commune=\"30317\"} 0"), "\(metrics)")

        let nagios = try Self.cli(["fleet", "health", "--nagios"], broker: broker, cache: work)
        #expect(nagios.status == 2, "\(nagios.standardOutput)")
        #expect(nagios.standardOutput.hasPrefix("COMMUNECAST CRITICAL - 1 not answering (xa-phu-tan)"),
                "\(nagios.standardOutput)")
    }
}
