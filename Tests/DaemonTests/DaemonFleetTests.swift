import CommuneCastTesting
import Foundation
import Testing

/// Four real daemons on loopback behind mutual TLS: two healthy ("coastal"), one whose ACL does not list our
/// certificate ("refusing"), and one stopped ("stopped"); and the inventory that lists them.
final class Province {
    let pki: TestPKI
    let healthy: [TLSSite]
    let refusing: DaemonHarness
    let stopped: DaemonHarness
    let inventory: String
    let work: TemporaryDirectory

    init() throws {
        pki = try TestPKI.shared()
        work = try TemporaryDirectory(prefix: "communecast-fleet")
        healthy = try [TLSSite(), TLSSite()]
        let refusingACL = work.file("refusing-acl.yaml")
        try "clients:\n  - {cn: giam-sat, role: monitor}\n".write(toFile: refusingACL, atomically: true, encoding: .utf8)
        refusing = try DaemonHarness(extraConfiguration: DaemonHarness.tlsConfiguration(pki: pki, acl: refusingACL))
        try refusing.start()
        let refusingPort = try refusing.tlsPort()
        stopped = try DaemonHarness(extraConfiguration: DaemonHarness.tlsConfiguration(pki: pki, acl: refusingACL))
        try stopped.start()
        let stoppedPort = try stopped.tlsPort()
        stopped.stop()
        inventory = work.file("province.yaml")
        try """
            defaults:
              cert: \(pki.file("so-tt-an-giang.pem"))
              key: \(pki.file("so-tt-an-giang.key"))
              ca: \(pki.file("province-ca.pem"))
            sites:
              - {name: an-phu, commune: "30292", address: "tls:127.0.0.1:\(healthy[0].port)", tags: [coastal]}
              - {name: phu-tan, commune: "30301", address: "tls:127.0.0.1:\(healthy[1].port)", tags: [coastal]}
              - {name: cho-moi, commune: "30337", address: "tls:127.0.0.1:\(refusingPort)", tags: [inland]}
              - {name: tinh-bien, commune: "30316", address: "tls:127.0.0.1:\(stoppedPort)", tags: [inland]}
            """.write(toFile: inventory, atomically: true, encoding: .utf8)
    }

    /// Runs the CLI against the inventory. The per-site timeout is generous: the stopped site is refused at once,
    /// and a loaded machine may take seconds to answer over TLS.
    func cli(_ arguments: [String]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(BuiltProducts.path(of: "communecast"),
                              arguments + ["--inventory", inventory, "--timeout", "60"],
                              environment: ["XDG_CACHE_HOME": work.file("cache")])
    }

    func cleanUp() {
        for site in healthy { site.cleanUp() }
        refusing.cleanUp()
        stopped.cleanUp()
        work.remove()
    }
}

@Suite("communecast fan-out over an inventory of real TLS daemons", .serialized)
struct DaemonFleetTests {
    @Test("health --all: one row per site, a summary, exit 3 when some sites fail and 1 when all do")
    func healthTable() throws {
        let province = try Province()
        defer { province.cleanUp() }
        // A site that answers is shown as fleet health classifies it: ok, or warning if this machine's clock is not
        // synchronised (the daemons share it).
        let synchronised = try province.healthy[0].daemon.health()["clock_synchronized"] as? Bool == true
        let state = synchronised ? "ok" : "warning"
        let table = try province.cli(["health", "--all"])
        #expect(table.status == 3, "\(table.standardError)")
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        func row(_ site: String) -> String { lines.first { $0.hasPrefix(site + " ") } ?? "" }
        #expect(row("an-phu").contains(" \(state) ") && row("an-phu").contains("device"), "\(row("an-phu"))")
        #expect(row("phu-tan").contains(" \(state) "))
        #expect(row("cho-moi").contains("refused"), "\(row("cho-moi"))")
        #expect(row("tinh-bien").contains("unreachable"), "\(row("tinh-bien"))")
        #expect(table.standardOutput.contains("health: 4 sites: 2 \(state), 1 refused, 1 unreachable"),
                "\(table.standardOutput)")

        let json = try province.cli(["health", "--all", "--json"])
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
            as? [[String: Any]])
        #expect(results.map { $0["site"] as? String } == ["an-phu", "phu-tan", "cho-moi", "tinh-bien"])
        #expect(results.map { $0["result"] as? String } == ["ok", "ok", "refused", "unreachable"])
        #expect(results.map { $0["state"] as? String } == [state, state, nil, nil])
        #expect((results[0]["reply"] as? [String: Any])?["site"] as? String == "test-site")
        #expect(results[3]["attempts"] as? Int == 2, "a connection failure is retried once")
        // The rows of every fan-out, dialled or through a broker, have the same keys, `null` where there is no value.
        #expect(results.allSatisfy { $0.keys.sorted() == DaemonCallHomeMixedTests.keys && $0["session"] is NSNull },
                "\(results)")
        #expect(results[2]["reply"] is NSNull && results[2]["state"] is NSNull, "\(results)")

        let none = try province.cli(["health", "--tag", "inland"])
        #expect(none.status == 1)
        let good = try province.cli(["health", "--tag", "coastal"])
        #expect(good.status == (synchronised ? 0 : 3), "\(good.standardOutput)\(good.standardError)")
        let unknown = try province.cli(["health", "--site", "an-fu"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no site named 'an-fu'"))
        let noSelection = try province.cli(["health"])
        #expect(noSelection.status == 1)
        #expect(noSelection.standardError.contains("--site NAME, --tag TAG or --all"))
    }

    @Test("alert push FILE to a tag uploads and airs it on every selected site; upload, cancel and schedule add fan out")
    func pushToTag() throws {
        let province = try Province()
        defer { province.cleanUp() }
        let wav = province.work.file("lu.wav")
        try WAVWriter.write(Signals.sine(frequency: 700, seconds: 0.4, sampleRate: 16_000), to: wav, sampleRate: 16_000)
        let push = try province.cli(["alert", "push", wav, "--id", "lu-2026-11", "--no-tone", "--tag", "coastal"])
        #expect(push.status == 0, "\(push.standardOutput)\(push.standardError)")
        #expect(push.standardOutput.contains("alert push: 2 sites: 2 ok"))
        for site in province.healthy {
            #expect(try site.daemon.wait { try outcomes(site.daemon.asRun(), source: "alert:lu-2026-11") == ["aired"] })
        }
        let again = try province.cli(["alert", "push", wav, "--id", "lu-2026-11", "--no-tone", "--all", "--json"])
        #expect(again.status == 3, "\(again.standardOutput)\(again.standardError)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8))
            as? [[String: Any]])
        #expect(results.prefix(2).allSatisfy { ($0["reply"] as? [String: Any])?["duplicate"] as? Bool == true })
        // Another recording that happens to have the same file name is a different announcement, not a clash.
        try FileManager.default.createDirectory(atPath: province.work.file("moi"), withIntermediateDirectories: true)
        let other = province.work.file("moi/lu.wav")
        try WAVWriter.write(Signals.sine(frequency: 500, seconds: 0.4, sampleRate: 16_000), to: other, sampleRate: 16_000)
        let second = try province.cli(["alert", "push", other, "--id", "lu-2026-11-b", "--no-tone", "--tag", "coastal"])
        #expect(second.status == 0, "\(second.standardOutput)")

        let upload = try province.cli(["media", "upload", wav, "--name", "lu", "--site", "an-phu", "--site", "phu-tan"])
        #expect(upload.status == 0, "\(upload.standardOutput)\(upload.standardError)")
        let schedule = province.work.file("xa.yaml")
        try "programmes:\n  - {id: tin, media: lu, days: [mon], at: [\"05:30\"]}\n"
            .write(toFile: schedule, atomically: true, encoding: .utf8)
        let added = try province.cli(["schedule", "add", schedule, "--tag", "coastal"])
        #expect(added.status == 0, "\(added.standardOutput)")
        #expect(added.standardOutput.contains("added 'xa'"))
        let cancel = try province.cli(["alert", "cancel", "lu-2026-11", "--all"])
        #expect(cancel.status == 3)
        #expect(cancel.standardOutput.contains("alert cancel: 4 sites: 2 ok, 1 refused, 1 unreachable"))
    }

    @Test("fleet health: state per site, Nagios line and codes, Prometheus textfile, last contact remembered")
    func fleetHealth() throws {
        let province = try Province()
        defer { province.cleanUp() }
        let table = try province.cli(["fleet", "health"])
        #expect(table.status == 3)
        #expect(table.standardOutput.contains("SITE"))
        #expect(table.standardOutput.contains("LAST CONTACT"))
        let lines = table.standardOutput.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("tinh-bien ") }?.contains("never") == true)

        let metrics = province.work.file("communecast.prom")
        let nagios = try province.cli(["fleet", "health", "--nagios", "--prometheus", metrics])
        #expect(nagios.status == 2)
        let line = nagios.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("COMMUNECAST CRITICAL - 2 not answering (cho-moi, tinh-bien)"), "\(line)")
        #expect(line.contains("| sites=4"))
        #expect(!line.contains("\n"))
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(text.contains("communecast_site_up{site=\"an-phu\",commune=\"30292\"} 1"))
        #expect(text.contains("communecast_site_up{site=\"tinh-bien\",commune=\"30316\"} 0"))
        #expect(text.contains("# TYPE communecast_site_underruns_total counter"))

        let coastal = try province.cli(["fleet", "health", "--tag", "coastal", "--nagios"])
        // The harness's machine clock may or may not be NTP-synchronised: OK or WARNING, never CRITICAL.
        #expect(coastal.status == 0 || coastal.status == 1, "\(coastal.standardOutput)")
        #expect(coastal.standardOutput.hasPrefix("COMMUNECAST OK") || coastal.standardOutput.hasPrefix("COMMUNECAST WARNING"))

        let json = try province.cli(["fleet", "health", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
            as? [[String: Any]])
        #expect(rows.first?["last_contact"] as? String == "now")
        #expect(rows.last?["state"] as? String == "unreachable")
    }
}
