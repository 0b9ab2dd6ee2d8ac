import AlertTrust
import CommuneCastTesting
import ControlProtocol
import Fleet
import Foundation
import Testing
import Uplink

/// Issue 15 §4, last sentence, through a real daemon and a real Mosquitto: a signed configuration on the site's
/// configuration topic changes the groups it subscribes to, is kept across a restart, and is reported and audited;
/// a forged, unsigned or monitor-signed one is refused, reported and audited, and changes nothing. It is retained: a
/// site started after it was published applies it, and an older one never replaces a newer one.
@Suite("communecastd: the signed configuration topic changes a site's groups", .serialized)
struct DaemonCallHomeConfigurationTests {
    /// A configuration setting `groups`, signed by `signer` of the test PKI for site xa-an-phu at `signedAt`.
    private static func configuration(_ groups: [String], signer: String, pki: TestPKI,
                                      signedAt: Date = Date()) async throws -> [UInt8] {
        let call = JSONValue.object([
            "method": .string("io.communecast.Uplink.SetGroups"),
            "parameters": .object(["groups": .array(groups.map(JSONValue.string))]),
        ])
        let command = SignedCommand(call: call, id: UUID().uuidString.lowercased(), to: "xa-an-phu")
        var envelope = AlertEnvelope(payloadBytes: command.jsonBytes)
        try await CallHomeSite.signer(signer, pki: pki).sign(&envelope, part: .draft, at: signedAt)
        return Array(envelope.serialized())
    }

    /// Publishes `payload` retained on xa-an-phu's configuration topic, as the office does.
    private static func publish(_ payload: [UInt8], office: BrokerConnection) async throws {
        try await office.publish(OutgoingMessage(topic: TopicScheme().configuration(site: try SiteName("xa-an-phu")),
                                                 payload: payload, retain: true))
    }

    /// The configuration events xa-an-phu published, in order.
    private static func events(_ office: BrokerConnection) -> [SiteEvent] {
        guard let topic = try? TopicScheme().events(site: SiteName("xa-an-phu")) else { return [] }
        return office.messages(since: 0).messages.filter { $0.topic == topic }
            .compactMap { try? SiteEvent(payload: $0.payload) }
            .filter { $0.type == .configApplied || $0.type == .configRefused }
    }

    /// Waits until xa-an-phu has published `count` configuration events; returns them.
    private static func waitForEvents(_ office: BrokerConnection, count: Int) async throws -> [SiteEvent] {
        _ = try await Poll.until(timeout: .seconds(90)) { events(office).count >= count }
        return events(office)
    }

    /// `communecast fleet groups xa-an-phu GROUP` as so-tt-an-giang through `broker`.
    private static func fleetGroups(_ group: String, broker: TestBroker) throws -> ProcessRunner.Output {
        let pki = broker.pki
        return try ProcessRunner.run(BuiltProducts.path(of: "communecast"), [
            "fleet", "groups", "xa-an-phu", group, "--via", "mqtts://localhost:\(broker.port)", "--timeout", "60",
            "--cert", pki.file("so-tt-an-giang.pem"), "--key", pki.file("so-tt-an-giang.key"),
            "--ca", pki.file("province-ca.pem"),
        ])
    }

    /// Publishes a signed alert retained to `group`.
    private static func alert(_ id: String, group: String, office: BrokerConnection, pki: TestPKI) async throws {
        let envelope = try await CallHomeSite.envelope(id: id, pki: pki)
        try await BrokerPublisher(connection: office).publishAlert(
            envelope, issuer: CallHomeSite.issuer, id: id, slots: nil, expires: Date().addingTimeInterval(3_600),
            groups: [try GroupID(group)]
        )
    }

    @Test("a provincial configuration moves the site to other groups, across a restart; forgeries change nothing")
    func groupsChange() async throws {
        let fixture = try await CallHomeFixture.start()
        defer { fixture.cleanUp() }
        let (broker, site, office) = (fixture.broker, fixture.site, fixture.office)
        let pki = broker.pki

        // Refused: a forged signature, an unsigned document, a monitor's signature.
        let signed = try await Self.configuration(["c-99999"], signer: "so-tt-an-giang", pki: pki)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(signed)) as? [String: Any])
        var signatures = try #require(object["signatures"] as? [[String: Any]])
        var signature = Array(try #require(signatures[0]["signature"] as? String))
        signature[10] = signature[10] == "A" ? "B" : "A"
        signatures[0]["signature"] = String(signature)
        object["signatures"] = signatures
        let forged = Array(try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]))
        try await Self.publish(forged, office: office)
        try await Self.publish(Array(#"{"groups":["c-99999"]}"#.utf8), office: office)
        try await Self.publish(try await Self.configuration(["c-99999"], signer: "giam-sat", pki: pki), office: office)
        let refusals = try await Self.waitForEvents(office, count: 3)
        #expect(refusals.map(\.type) == [.configRefused, .configRefused, .configRefused], "\(refusals)")
        #expect(refusals.compactMap(\.code) == ["bad_signature", "malformed", "role"], "\(refusals)\n\(site.daemon.log)")
        let refusedRows = try site.daemon.databaseRows(
            "SELECT result FROM audit WHERE identity LIKE 'mqtt:%/config' ORDER BY id")
        #expect(refusedRows == Array(repeating: VarlinkError.permissionDenied.name, count: 3), "\(refusedRows)")

        // Applied: the site leaves p-89 for c-30316.
        let good = try await Self.configuration(["c-30316"], signer: "so-tt-an-giang", pki: pki)
        try await Self.publish(good, office: office)
        let applied = try await Self.waitForEvents(office, count: 4)
        #expect(applied.last?.type == .configApplied && applied.last?.message == "groups: c-30316, all",
                "\(applied)\n\(site.daemon.log)")
        let auditRows = try site.daemon.databaseRows(
            "SELECT role, method, result FROM audit WHERE identity LIKE 'mqtt:%/config' ORDER BY id")
        #expect(auditRows.last == "provincial|io.communecast.Uplink.SetGroups|ok", "\(auditRows)")
        try await Self.alert("nhom-moi", group: "c-30316", office: office, pki: pki)
        #expect(try await site.waitUntilAired("nhom-moi"), "\(site.daemon.log)")

        // The same configuration again is a replay.
        try await Self.publish(good, office: office)
        let replayed = try await Self.waitForEvents(office, count: 5)
        #expect(replayed.last?.code == "replayed", "\(replayed)")

        // After a restart the site still has c-30316 and not p-89.
        #expect(site.daemon.stop() == 0)
        try site.daemon.start()
        #expect(await site.waitUntilConnected(count: 2), "\(site.daemon.log)")
        #expect(site.daemon.log.contains("uplink groups from a signed configuration"), "\(site.daemon.log)")
        try await Self.alert("nhom-moi-2", group: "c-30316", office: office, pki: pki)
        try await Self.alert("nhom-cu", group: CallHomeSite.group, office: office, pki: pki)
        #expect(try await site.waitUntilAired("nhom-moi-2"), "\(site.daemon.log)")
        #expect(try site.airings("nhom-cu") == 0)
        #expect(CallHomeSite.events(office, site: "xa-an-phu", alert: "\(CallHomeSite.issuer)/nhom-cu").isEmpty,
                "the site still receives its old group")

        // The office's command: back to p-89, applied.
        let cli = try Self.fleetGroups(CallHomeSite.group, broker: broker)
        #expect(cli.status == 0 && cli.standardOutput.contains("xa-an-phu: applied, groups: p-89, all"),
                "\(cli.standardOutput)\(cli.standardError)\n\(site.daemon.log)")
        #expect(try await site.waitUntilAired("nhom-cu"), "\(site.daemon.log)")
        await office.close()
    }

    @Test("a site started after the configuration was published applies the retained one; an older one never wins")
    func retainedConfiguration() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let pki = broker.pki
        let office = try await CallHomeSite.office([broker])

        // Published two hours before the site first connects (far beyond the 10-minute window of commands).
        let newer = try await Self.configuration(["c-30316"], signer: "so-tt-an-giang", pki: pki,
                                                 signedAt: Date().addingTimeInterval(-7_200))
        try await Self.publish(newer, office: office)
        let site = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { site.cleanUp() }
        let applied = try await Self.waitForEvents(office, count: 1)
        #expect(applied.map(\.type) == [.configApplied] && applied.first?.message == "groups: c-30316, all",
                "\(applied)\n\(site.daemon.log)")
        try await Self.alert("nhom-moi", group: "c-30316", office: office, pki: pki)
        #expect(try await site.waitUntilAired("nhom-moi"), "\(site.daemon.log)")

        // An older configuration published (retained) later: refused as superseded, audited, the groups unchanged;
        // after a restart, when it is the retained one, refused again.
        let older = try await Self.configuration(["p-89"], signer: "so-tt-an-giang", pki: pki,
                                                 signedAt: Date().addingTimeInterval(-10_800))
        try await Self.publish(older, office: office)
        let refused = try await Self.waitForEvents(office, count: 2)
        #expect(refused.last?.type == .configRefused && refused.last?.code == "superseded", "\(refused)")
        let auditRows = try site.daemon.databaseRows(
            "SELECT method, result FROM audit WHERE identity LIKE 'mqtt:%/config' ORDER BY id")
        #expect(auditRows == ["io.communecast.Uplink.SetGroups|ok",
                              "io.communecast.Uplink.SetGroups|\(VarlinkError.permissionDenied.name)"], "\(auditRows)")
        #expect(site.daemon.stop() == 0)
        try site.daemon.start()
        #expect(await site.waitUntilConnected(count: 2), "\(site.daemon.log)")
        let again = try await Self.waitForEvents(office, count: 3)
        #expect(again.last?.code == "superseded", "\(again)")
        try await Self.alert("nhom-cu", group: CallHomeSite.group, office: office, pki: pki)
        try await Self.alert("nhom-moi-2", group: "c-30316", office: office, pki: pki)
        #expect(try await site.waitUntilAired("nhom-moi-2"), "\(site.daemon.log)")
        #expect(try site.airings("nhom-cu") == 0, "the older configuration moved the site back to p-89")

        // The office's command, signed now: applied and retained. Its retained copy, sent again on the next
        // connection, is not applied again (no configuration event before the next alert's). The CLI connects with
        // the same identity (client id) as the test's office, so the office is closed first and a new one watches.
        await office.close()
        let cli = try Self.fleetGroups(CallHomeSite.group, broker: broker)
        #expect(cli.status == 0 && cli.standardOutput.contains("xa-an-phu: applied, groups: p-89, all"),
                "\(cli.standardOutput)\(cli.standardError)\n\(site.daemon.log)")
        let watcher = try await CallHomeSite.office([broker])
        #expect(site.daemon.stop() == 0)
        try site.daemon.start()
        #expect(await site.waitUntilConnected(count: 3), "\(site.daemon.log)")
        try await Self.alert("nhom-cu-2", group: CallHomeSite.group, office: watcher, pki: pki)
        #expect(await CallHomeSite.waitForEvent(watcher, site: "xa-an-phu", id: "nhom-cu-2", type: .alertAired) != nil,
                "\(site.daemon.log)")
        #expect(Self.events(watcher).isEmpty, "\(Self.events(watcher))")
        await watcher.close()
    }
}
