import CommuneCastTesting
import Foundation
import Testing

/// `via:` in the inventory (issue 15 §6) through the real CLI, real daemons and a real Mosquitto: a selection that
/// mixes a site reached through the broker, a site dialled on its socket and a broker site that never connected is
/// reported in one table or JSON array, with the fan-out's exit status.
@Suite("communecast: inventory sites with via: through the broker, the others dialled, in one report", .serialized)
struct DaemonCallHomeInventoryTests {
    /// Runs `communecast` as so-tt-an-giang, without `--via`: the inventory decides.
    private static func cli(_ arguments: [String], broker: TestBroker) throws -> ProcessRunner.Output {
        let pki = broker.pki
        return try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments + [
            "--cert", pki.file("so-tt-an-giang.pem"), "--key", pki.file("so-tt-an-giang.key"),
            "--ca", pki.file("province-ca.pem"),
        ])
    }

    private static func objects(_ output: ProcessRunner.Output) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [[String: Any]] ?? []
    }

    @Test("alert send, health: via ok, dialled ok, absent via offline (exit 3); all ok 0, none 1; one JSON row shape")
    func mixed() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let called = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { called.cleanUp() }
        // Also on the broker, but in another group: the alert reaches it only by its socket.
        let dialled = try CallHomeSite("xa-phu-tan", brokers: [broker], groups: ["c-30317"])
        defer { dialled.cleanUp() }
        let office = try await CallHomeSite.office([broker], subscribing: false)
        #expect(await called.waitUntilConnected(), "\(called.daemon.log)")
        #expect(try await called.waitUntilSubscribed(office: office), "\(called.daemon.log)")
        await office.close()

        let work = try TemporaryDirectory(prefix: "callhome-inventory")
        defer { work.remove() }
        let via = "mqtts://localhost:\(broker.port)"
        let inventory = work.file("province.yaml")
        try """
            sites:
              - {name: xa-an-phu, commune: "30316", via: "\(via)", tags: [ven-song]}
              - {name: xa-phu-tan, commune: "30317", address: "unix:\(dialled.daemon.socket)", tags: [ven-song]}
              - {name: xa-cho-moi, commune: "30318", via: ["\(via)"], tags: [ven-song]}
            """.write(toFile: inventory, atomically: true, encoding: .utf8)
        let file = work.file("bao-tron.jws")
        try Data(try await CallHomeSite.envelope(id: "bao-tron", pki: broker.pki)).write(to: URL(fileURLWithPath: file))

        let sent = try Self.cli(["alert", "send", file, "--inventory", inventory, "--tag", "ven-song",
                                 "--group", CallHomeSite.group, "--timeout", "60"], broker: broker)
        #expect(sent.status == 3, "\(sent.standardOutput)\(sent.standardError)")
        let lines = sent.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("SITE") == true && lines.count == 5, "\(sent.standardOutput)")
        #expect(lines.dropFirst().map { String($0.prefix(10)) } == ["xa-an-phu ", "xa-phu-tan", "xa-cho-moi",
                                                                    "alert send"], "\(sent.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-an-phu") && $0.contains("via mqtts://") && $0.contains(" ok ") },
                "\(sent.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-phu-tan") && $0.contains("unix:") && $0.contains(" ok ") },
                "\(sent.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("xa-cho-moi") && $0.contains("offline") }, "\(sent.standardOutput)")
        #expect(sent.standardOutput.contains("alert send: 3 sites: 2 ok, 1 offline"), "\(sent.standardOutput)")
        #expect(try await called.waitUntilAired("bao-tron"), "\(called.daemon.log)")
        #expect(try await dialled.waitUntilAired("bao-tron"), "\(dialled.daemon.log)")
        #expect(try called.brokerAuditRows().count == 1 && dialled.brokerAuditRows().isEmpty,
                "the dialled site should have had the alert on its socket, not from the broker")

        let health = try Self.cli(["health", "--inventory", inventory, "--all", "--json", "--timeout", "60"],
                                  broker: broker)
        #expect(health.status == 3, "\(health.standardOutput)\(health.standardError)")
        let rows = Self.objects(health)
        let results = Dictionary(rows.map { ($0["site"] as? String ?? "", $0["result"] as? String ?? "") }) { $1 }
        #expect(results == ["xa-an-phu": "ok", "xa-phu-tan": "ok", "xa-cho-moi": "offline"], "\(rows)")
        let addresses = rows.compactMap { $0["address"] as? String }
        #expect(addresses.count == 3 && addresses[0].hasPrefix("via ") && addresses[1].hasPrefix("unix:"),
                "\(addresses)")
        #expect(Set(rows.map { $0.keys.sorted() }).count == 1, "via and dialled rows differ in shape: \(rows)")
        let replied = rows.prefix(2).map { ($0["reply"] as? [String: Any])?["site"] as? String }
        #expect(replied == ["xa-an-phu", "xa-phu-tan"], "the reply is the health, as in the dialled fan-out: \(rows)")

        // The exit status is the fan-out's for a mixed inventory too: 0 when every site is ok, 1 when none is.
        let present = work.file("present.yaml")
        try """
            sites:
              - {name: xa-an-phu, commune: "30316", via: "\(via)"}
              - {name: xa-phu-tan, commune: "30317", address: "unix:\(dialled.daemon.socket)"}
            """.write(toFile: present, atomically: true, encoding: .utf8)
        let allOK = try Self.cli(["health", "--inventory", present, "--all", "--json", "--timeout", "60"],
                                 broker: broker)
        #expect(allOK.status == 0, "\(allOK.standardOutput)\(allOK.standardError)")
        let okRows = Self.objects(allOK)
        #expect(okRows.map { $0["result"] as? String } == ["ok", "ok"], "\(okRows)")
        #expect(Set((okRows + rows).map { $0.keys.sorted() }).count == 1, "\(okRows)")
        let absent = work.file("absent.yaml")
        try """
            sites:
              - {name: xa-cho-moi, commune: "30318", via: "\(via)"}
              - {name: xa-vinh-loc, commune: "30319", address: "unix:\(work.file("nobody.sock"))"}
            """.write(toFile: absent, atomically: true, encoding: .utf8)
        let noneOK = try Self.cli(["health", "--inventory", absent, "--all", "--json", "--timeout", "60"],
                                  broker: broker)
        #expect(noneOK.status == 1, "\(noneOK.standardOutput)\(noneOK.standardError)")
        let failedRows = Self.objects(noneOK)
        #expect(failedRows.count == 2 && failedRows.allSatisfy { $0["result"] as? String != "ok" }, "\(failedRows)")
        #expect(Set((failedRows + rows).map { $0.keys.sorted() }).count == 1, "\(failedRows)")
    }
}
