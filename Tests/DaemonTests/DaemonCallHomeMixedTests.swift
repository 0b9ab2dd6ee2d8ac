import CommuneCastTesting
import Foundation
import Testing

/// `alert cancel` and `schedule add` over a mixed inventory (issue 15 §6) through the real CLI, real daemons, a real
/// Mosquitto and mutual TLS: xa-an-phu is reached `via:` the broker, xa-phu-tan is dialled over TLS, xa-cho-moi (via)
/// never connected. Every site gets the call; the human table and the `--json` rows have one shape for both kinds;
/// the exit status is 0 when every site is ok, 3 when one is down, 1 when none answered.
@Suite("communecast: alert cancel and schedule add over a mixed inventory, broker and mutual TLS", .serialized)
struct DaemonCallHomeMixedTests {
    /// The keys of every fan-out's `--json` row (README, "Many sites").
    static let keys = ["address", "attempts", "commune", "message", "reply", "result", "seconds", "session", "site",
                       "state"]

    /// A broker, xa-an-phu calling home to it and xa-phu-tan listening for TLS (on the broker too, in another group,
    /// so anything it gets comes by TLS), and the three inventories: `full` (both and xa-cho-moi, which never
    /// connects), `present` (the two running sites) and `absent` (xa-cho-moi and a TLS port nobody listens on).
    private final class Mixed {
        let broker: TestBroker
        let called: CallHomeSite
        let dialled: CallHomeSite
        let work: TemporaryDirectory
        let full: String
        let present: String
        let absent: String

        init() async throws {
            broker = try TestBroker()
            work = try TemporaryDirectory(prefix: "callhome-mixed")
            called = try CallHomeSite("xa-an-phu", brokers: [broker])
            dialled = try CallHomeSite("xa-phu-tan", brokers: [broker], groups: ["c-30317"], tls: true)
            let office = try await CallHomeSite.office([broker], subscribing: false)
            let subscribed = try await called.waitUntilSubscribed(office: office)
            await office.close()
            guard subscribed else { throw HarnessError("xa-an-phu did not subscribe:\n\(called.daemon.log)") }
            let port = try dialled.daemon.tlsPort()
            let nobody = try LoopbackPort.free()
            let via = "mqtts://localhost:\(broker.port)"
            let an = "{name: xa-an-phu, commune: \"30316\", via: \"\(via)\", tags: [ven-song]}"
            let phu = "{name: xa-phu-tan, commune: \"30317\", address: \"tls:127.0.0.1:\(port)\", tags: [ven-song]}"
            let cho = "{name: xa-cho-moi, commune: \"30318\", via: \"\(via)\", tags: [ven-song]}"
            let vinh = "{name: xa-vinh-loc, commune: \"30319\", address: \"tls:127.0.0.1:\(nobody)\"}"
            full = try Self.inventory([an, phu, cho], in: work, named: "full.yaml", pki: broker.pki)
            present = try Self.inventory([an, phu], in: work, named: "present.yaml", pki: broker.pki)
            absent = try Self.inventory([cho, vinh], in: work, named: "absent.yaml", pki: broker.pki)
        }

        /// An inventory of `sites` (one YAML flow mapping each) whose defaults are so-tt-an-giang's certificate.
        private static func inventory(_ sites: [String], in work: TemporaryDirectory, named name: String,
                                      pki: TestPKI) throws -> String {
            let file = work.file(name)
            let defaults = "defaults: {cert: \(pki.file("so-tt-an-giang.pem")), "
                + "key: \(pki.file("so-tt-an-giang.key")), ca: \(pki.file("province-ca.pem"))}\nsites:\n"
            try (defaults + sites.map { "  - \($0)\n" }.joined()).write(toFile: file, atomically: true,
                                                                        encoding: .utf8)
            return file
        }

        /// Runs `communecast` as so-tt-an-giang on `inventory`'s every site; the inventory decides how.
        func cli(_ arguments: [String], inventory: String) throws -> ProcessRunner.Output {
            let pki = broker.pki
            return try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments + [
                "--inventory", inventory, "--all", "--timeout", "60",
                "--cert", pki.file("so-tt-an-giang.pem"), "--key", pki.file("so-tt-an-giang.key"),
                "--ca", pki.file("province-ca.pem"),
            ], environment: ["XDG_CACHE_HOME": work.path])
        }

        func cleanUp() {
            dialled.cleanUp()
            called.cleanUp()
            broker.remove()
            work.remove()
        }
    }

    private static func objects(_ output: ProcessRunner.Output) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [[String: Any]] ?? []
    }

    private static func results(_ rows: [[String: Any]]) -> [String: String] {
        Dictionary(rows.map { ($0["site"] as? String ?? "", $0["result"] as? String ?? "") }) { $1 }
    }

    /// The table's rows: site, address and result of each, for a three-site inventory.
    private static func expectTable(_ output: ProcessRunner.Output, summary: String) {
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("SITE") == true && lines.count == 5, "\(output.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-an-phu") && $0.contains("via mqtts://") && $0.contains(" ok ") },
                "\(output.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-phu-tan") && $0.contains("tls:127.0.0.1:") && $0.contains(" ok ") },
                "\(output.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-cho-moi") && $0.contains("offline") }, "\(output.standardOutput)")
        #expect(output.standardOutput.contains(summary), "\(output.standardOutput)")
    }

    @Test("alert cancel: both kinds of site cancel, one row shape; all ok 0, one down 3, none 1")
    func alertCancel() async throws {
        let mixed = try await Mixed()
        defer { mixed.cleanUp() }
        let (called, dialled) = (mixed.called, mixed.dialled)
        for id in ["lap-mot", "lap-hai"] {
            let file = mixed.work.file("\(id).jws")
            try Data(try await CallHomeSite.envelope(id: id, pki: mixed.broker.pki, repeatCount: 50))
                .write(to: URL(fileURLWithPath: file))
            let sent = try mixed.cli(["alert", "send", file, "--group", CallHomeSite.group], inventory: mixed.present)
            #expect(sent.status == 0, "\(sent.standardOutput)\(sent.standardError)")
            #expect(try await called.waitUntilAired(id), "\(called.daemon.log)")
            #expect(try await dialled.waitUntilAired(id), "\(dialled.daemon.log)")
        }

        let all = try mixed.cli(["alert", "cancel", "lap-mot", "--json"], inventory: mixed.present)
        #expect(all.status == 0, "\(all.standardOutput)\(all.standardError)")
        let rows = Self.objects(all)
        #expect(Self.results(rows) == ["xa-an-phu": "ok", "xa-phu-tan": "ok"], "\(rows)")
        #expect(rows.allSatisfy { $0.keys.sorted() == Self.keys }, "\(rows)")
        for row in rows {
            let alert = (row["reply"] as? [String: Any])?["alert"] as? [String: Any]
            #expect(alert?["id"] as? String == "lap-mot", "every site's reply is its varlink reply: \(row)")
        }
        #expect(rows.count == 2, "\(rows)")
        if rows.count == 2 {
            #expect((rows[0]["address"] as? String)?.hasPrefix("via mqtts://") == true, "\(rows)")
            #expect(rows[1]["attempts"] as? Int == 1 && rows[0]["attempts"] is NSNull, "\(rows)")
        }
        for site in [called, dialled] {
            #expect(try site.daemon.databaseRows("SELECT state FROM alert WHERE id = 'lap-mot'") == ["cancelled"],
                    "\(site.name)")
        }
        #expect(try called.daemon.auditRows().contains { $0.hasPrefix("mqtt signed") && $0.contains("CancelAlert") })
        let audit = try dialled.daemon.auditRows()
        #expect(audit.contains { $0.hasPrefix("tls subject=CN=so-tt-an-giang") && $0.contains("CancelAlert") },
                "\(audit)")

        let partial = try mixed.cli(["alert", "cancel", "lap-hai"], inventory: mixed.full)
        #expect(partial.status == 3, "\(partial.standardOutput)\(partial.standardError)")
        Self.expectTable(partial, summary: "alert cancel: 3 sites: 2 ok, 1 offline")
        for site in [called, dialled] {
            #expect(try site.daemon.databaseRows("SELECT state FROM alert WHERE id = 'lap-hai'") == ["cancelled"],
                    "\(site.name)")
        }

        let none = try mixed.cli(["alert", "cancel", "lap-hai", "--json"], inventory: mixed.absent)
        #expect(none.status == 1, "\(none.standardOutput)\(none.standardError)")
        let failed = Self.objects(none)
        #expect(Self.results(failed) == ["xa-cho-moi": "offline", "xa-vinh-loc": "unreachable"], "\(failed)")
        #expect(failed.allSatisfy { $0.keys.sorted() == Self.keys }, "\(failed)")
    }

    @Test("schedule add: both kinds of site take the file, one row shape; one down 3, all ok 0, none 1")
    func scheduleAdd() async throws {
        let mixed = try await Mixed()
        defer { mixed.cleanUp() }
        for site in [mixed.called, mixed.dialled] {
            _ = try SignedAlertSite.upload(to: site.daemon, name: "bao", frequency: 600)
        }
        let file = mixed.work.file("sang.yaml")
        try ScheduleSupport.yaml([("tin-sang", "bao", ScheduleSupport.instant(in: 3_600), "")])
            .write(toFile: file, atomically: true, encoding: .utf8)

        let partial = try mixed.cli(["schedule", "add", file], inventory: mixed.full)
        #expect(partial.status == 3, "\(partial.standardOutput)\(partial.standardError)")
        Self.expectTable(partial, summary: "schedule add: 3 sites: 2 ok, 1 offline")
        #expect(partial.standardOutput.split(separator: "\n").filter { $0.contains("added 'sang'") }.count == 2,
                "\(partial.standardOutput)")
        for site in [mixed.called, mixed.dialled] {
            #expect(try site.daemon.databaseRows("SELECT id FROM schedule") == ["sang"], "\(site.name)")
        }

        let again = try mixed.cli(["schedule", "add", file, "--json"], inventory: mixed.present)
        #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
        let rows = Self.objects(again)
        #expect(Self.results(rows) == ["xa-an-phu": "ok", "xa-phu-tan": "ok"], "\(rows)")
        #expect(rows.allSatisfy { $0.keys.sorted() == Self.keys && $0["message"] as? String == "unchanged 'sang'" },
                "\(rows)")

        let none = try mixed.cli(["schedule", "add", file, "--json"], inventory: mixed.absent)
        #expect(none.status == 1, "\(none.standardOutput)\(none.standardError)")
        let failed = Self.objects(none)
        #expect(Self.results(failed) == ["xa-cho-moi": "offline", "xa-vinh-loc": "unreachable"], "\(failed)")
        #expect(failed.allSatisfy { $0.keys.sorted() == Self.keys }, "\(failed)")
    }
}
