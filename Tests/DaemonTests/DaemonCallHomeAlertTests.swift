import AlertTrust
import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

/// Issue 15 stage 2 through real daemons and a real Mosquitto: signed alerts retained on a group's topic reach the
/// sites through the same verifier and replay store as `PushSignedAlert`, with the retained-alert freshness rule,
/// and the sites report what became of them on their event topics.
@Suite("communecastd: signed alerts over the call-home broker", .serialized)
struct DaemonCallHomeAlertTests {
    /// Publishes `envelope` as the office does: retained in the alert's slot of the group, expiring with it.
    private static func publish(_ envelope: [UInt8], id: String, expires: Date, office: BrokerConnection,
                                slots: [String]? = nil) async throws {
        try await BrokerPublisher(connection: office).publishAlert(
            envelope, issuer: CallHomeSite.issuer, id: id, slots: slots, expires: expires,
            groups: [try GroupID(CallHomeSite.group)]
        )
    }

    @Test("a retained alert signed 20 minutes ago airs on a connected site and on one started after the publish")
    func retainedAlertAirs() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let early = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { early.cleanUp() }
        #expect(await early.waitUntilConnected(), "\(early.daemon.log)")
        let office = try await CallHomeSite.office([broker])
        let signed = Date().addingTimeInterval(-1_200)
        let envelope = try await CallHomeSite.envelope(id: "bao-1", pki: broker.pki, sent: signed, signedAt: signed)
        try await Self.publish(envelope, id: "bao-1", expires: signed.addingTimeInterval(3_600), office: office)

        #expect(try await early.waitUntilAired("bao-1"), "\(early.daemon.log)")
        let received = await CallHomeSite.waitForEvent(office, site: "xa-an-phu", id: "bao-1", type: .alertReceived)
        #expect(received != nil && received?.code == nil, "\(String(describing: received))")
        #expect(await CallHomeSite.waitForEvent(office, site: "xa-an-phu", id: "bao-1", type: .alertAired) != nil)
        let audit = try early.brokerAuditRows()
        #expect(audit.count == 1 && audit[0].hasPrefix("provincial|ok|alert=\(CallHomeSite.issuer)/bao-1"), "\(audit)")

        let late = try CallHomeSite("xa-phu-tan", brokers: [broker])
        defer { late.cleanUp() }
        #expect(try await late.waitUntilAired("bao-1"), "\(late.daemon.log)")
        #expect(await CallHomeSite.waitForEvent(office, site: "xa-phu-tan", id: "bao-1", type: .alertAired) != nil)
        #expect(try early.airings("bao-1") == 1)

        // The same envelope pushed directly is held to the 10-minute window: only the broker's retained copy may
        // be older.
        let direct = try late.daemon.cli(["alert", "send", try Self.write(envelope, in: late.daemon)])
        #expect(direct.status != 0 && direct.standardError.contains("signature_too_old"), "\(direct.standardError)")
        await office.close()
    }

    @Test("an expired alert never airs: the broker drops it, and a copy it kept too long is refused as expired")
    func expiredNeverAirs() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let office = try await CallHomeSite.office([broker])
        let sent = Date()
        let lifetime = 20.0
        let dropped = try await CallHomeSite.envelope(id: "ngan-1", pki: broker.pki, sent: sent, lifetime: lifetime)
        try await Self.publish(dropped, id: "ngan-1", expires: sent.addingTimeInterval(lifetime), office: office)
        // A broker (or an office) that keeps an alert past its expiry: no Message Expiry at all.
        let kept = try await CallHomeSite.envelope(id: "ngan-2", pki: broker.pki, sent: sent, lifetime: lifetime)
        try await office.publish(OutgoingMessage(
            topic: TopicScheme().alert(group: try GroupID(CallHomeSite.group),
                                       slot: AlertSlot(issuer: CallHomeSite.issuer, id: "ngan-2")),
            payload: kept, retain: true, userProperties: [.alert(issuer: CallHomeSite.issuer, id: "ngan-2")]
        ))
        #expect(try await Poll.until(timeout: .seconds(90)) { Date() > sent.addingTimeInterval(lifetime + 1) })
        let inForce = try await CallHomeSite.envelope(id: "con-hieu-luc", pki: broker.pki)
        try await Self.publish(inForce, id: "con-hieu-luc", expires: Date().addingTimeInterval(3_600), office: office)

        let site = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { site.cleanUp() }
        #expect(try await site.waitUntilAired("con-hieu-luc"), "\(site.daemon.log)")
        let refused = await CallHomeSite.waitForEvent(office, site: "xa-an-phu", id: "ngan-2", type: .alertRefused)
        #expect(refused?.code == "expired", "\(String(describing: refused))")
        #expect(try site.airings("ngan-1") == 0 && site.airings("ngan-2") == 0)
        #expect(CallHomeSite.events(office, site: "xa-an-phu", alert: "\(CallHomeSite.issuer)/ngan-1").isEmpty,
                "the broker delivered an alert past its Message Expiry")
        await office.close()
    }

    @Test("forged, unsigned, wrong-audience and equivocating alerts are refused, audited and never aired")
    func refusals() async throws {
        let fixture = try await CallHomeFixture.start()
        defer { fixture.cleanUp() }
        let (broker, site, office) = (fixture.broker, fixture.site, fixture.office)
        let expires = Date().addingTimeInterval(3_600)
        let good = try await CallHomeSite.envelope(id: "that-1", pki: broker.pki)
        try await Self.publish(good, id: "that-1", expires: expires, office: office)
        #expect(try await site.waitUntilAired("that-1"), "\(site.daemon.log)")

        let forged = try Self.forge(try await CallHomeSite.envelope(id: "gia-1", pki: broker.pki))
        try await Self.publish(forged, id: "gia-1", expires: expires, office: office)
        try await Self.publish(Array(#"{"id":"tron-1","level":"emergency"}"#.utf8), id: "tron-1", expires: expires,
                               office: office)
        let elsewhere = try await CallHomeSite.envelope(id: "noi-khac-1", pki: broker.pki,
                                                        audience: AlertAudience(sites: ["xa-cho-moi"]))
        try await Self.publish(elsewhere, id: "noi-khac-1", expires: expires, office: office)
        // The same id with other content, to another slot so the first stays: an equivocation.
        let other = try await CallHomeSite.envelope(id: "that-1", pki: broker.pki, lifetime: 1_800)
        try await Self.publish(other, id: "that-1", expires: expires, office: office, slots: ["that-1-bis"])

        let expected = ["gia-1": "bad_signature", "tron-1": "malformed", "noi-khac-1": "not_for_this_site",
                        "that-1": "equivocation"]
        for (id, code) in expected {
            let refused = await CallHomeSite.waitForEvent(office, site: "xa-an-phu", id: id, type: .alertRefused)
            #expect(refused?.code == code, "\(id): \(String(describing: refused))\n\(site.daemon.log)")
        }
        #expect(try site.airings("gia-1") + site.airings("tron-1") + site.airings("noi-khac-1") == 0)
        #expect(try site.airings("that-1") == 1)
        let audit = try site.brokerAuditRows()
        #expect(audit.filter { $0.contains("|io.communecast.Site.AlertRefused|") }.count == 4, "\(audit)")

        // After a restart the broker hands the good alert over again: a duplicate, acknowledged, not aired again.
        let before = try Self.eventCount(office, id: "that-1", type: .alertReceived)
        #expect(site.daemon.stop() == 0)
        try site.daemon.start()
        #expect(try await Poll.until(timeout: .seconds(90)) {
            try Self.eventCount(office, id: "that-1", type: .alertReceived) > before
        })
        let again = CallHomeSite.events(office, site: "xa-an-phu", alert: "\(CallHomeSite.issuer)/that-1")
            .filter { $0.type == .alertReceived }.last
        #expect(again?.code == "duplicate", "\(String(describing: again))")
        #expect(try site.airings("that-1") == 1)
        await office.close()
    }

    @Test("after a graceful broker restart and a kill -9, the site reconnects and alerts still air")
    func brokerRestart() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let site = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { site.cleanUp() }
        #expect(await site.waitUntilConnected(), "\(site.daemon.log)")
        broker.stop()
        try broker.start()
        #expect(await site.waitUntilConnected(count: 2), "\(site.daemon.log)")
        var office = try await CallHomeSite.office([broker])
        try await Self.publish(try await CallHomeSite.envelope(id: "sau-1", pki: broker.pki), id: "sau-1",
                               expires: Date().addingTimeInterval(3_600), office: office)
        #expect(try await site.waitUntilAired("sau-1"), "\(site.daemon.log)")
        await office.close()

        try broker.save()
        broker.stop(signal: SIGKILL)
        try broker.start()
        #expect(await site.waitUntilConnected(count: 3), "\(site.daemon.log)")
        office = try await CallHomeSite.office([broker])
        try await Self.publish(try await CallHomeSite.envelope(id: "sau-2", pki: broker.pki), id: "sau-2",
                               expires: Date().addingTimeInterval(3_600), office: office)
        #expect(try await site.waitUntilAired("sau-2"), "\(site.daemon.log)")
        #expect(try site.airings("sau-1") == 1, "the retained alert came again after the crash, and aired once")
        await office.close()
    }

    @Test("the same alert on two brokers airs once, through the failover from the first to the second")
    func twoBrokers() async throws {
        let first = try TestBroker()
        defer { first.remove() }
        let second = try TestBroker(pki: first.pki)
        defer { second.remove() }
        let site = try CallHomeSite("xa-an-phu", brokers: [first, second])
        defer { site.cleanUp() }
        #expect(await site.waitUntilConnected(), "\(site.daemon.log)")
        let envelope = try await CallHomeSite.envelope(id: "hai-1", pki: first.pki)
        let expires = Date().addingTimeInterval(3_600)
        for broker in [first, second] {
            let office = try await CallHomeSite.office([broker])
            try await Self.publish(envelope, id: "hai-1", expires: expires, office: office)
            await office.close()
        }
        #expect(try await site.waitUntilAired("hai-1"), "\(site.daemon.log)")
        first.stop(signal: SIGKILL)
        #expect(await site.waitUntilConnected(count: 2), "\(site.daemon.log)")
        let office = try await CallHomeSite.office([second])
        try await Self.publish(try await CallHomeSite.envelope(id: "hai-2", pki: first.pki), id: "hai-2",
                               expires: expires, office: office)
        #expect(try await site.waitUntilAired("hai-2"), "\(site.daemon.log)")
        #expect(try site.airings("hai-1") == 1)
        await office.close()
    }

    @Test("a dead first broker: the site connects to the second and the alert airs once")
    func deadFirstBroker() async throws {
        let live = try TestBroker()
        defer { live.remove() }
        let dead = "mqtts://localhost:\(try LoopbackPort.free())"
        let site = try CallHomeSite("xa-an-phu", brokers: [live], before: [dead])
        defer { site.cleanUp() }
        #expect(await site.waitUntilConnected(), "\(site.daemon.log)")
        #expect(site.daemon.log.contains("uplink connection failed"), "the first broker was tried first")
        let office = try await CallHomeSite.office([live])
        try await Self.publish(try await CallHomeSite.envelope(id: "chet-1", pki: live.pki), id: "chet-1",
                               expires: Date().addingTimeInterval(3_600), office: office)
        #expect(try await site.waitUntilAired("chet-1"), "\(site.daemon.log)")
        #expect(await CallHomeSite.waitForEvent(office, site: "xa-an-phu", id: "chet-1", type: .alertAired) != nil)
        #expect(try site.airings("chet-1") == 1)
        await office.close()
    }

    @Test("an unresolvable broker name: the site keeps retrying without spinning the CPU, and serves meanwhile")
    func unresolvableBroker() async throws {
        let site = try CallHomeSite("xa-an-phu", brokers: [], before: ["mqtts://no-such-broker.invalid:8883"])
        defer { site.cleanUp() }
        let failures = { site.daemon.log.components(separatedBy: "uplink connection failed").count - 1 }
        #expect(try await Poll.until(timeout: .seconds(90)) { failures() >= 1 }, "\(site.daemon.log)")
        let (cpu, wall, seen) = (try site.daemon.cpuSeconds(), Date(), failures())
        // Three more attempts: at least 0.25 s each by the backoff, growing from 2 s.
        #expect(try await Poll.until(timeout: .seconds(120)) { failures() >= seen + 3 }, "\(site.daemon.log)")
        let used = try site.daemon.cpuSeconds() - cpu
        let elapsed = Date().timeIntervalSince(wall)
        #expect(used < 0.1 * elapsed + 0.2, "\(used) s of CPU in \(elapsed) s while the broker cannot be found")
        #expect(try site.daemon.health()["site"] as? String == "xa-an-phu", "the Unix socket still answers")
    }

    // MARK: Helpers

    /// `envelope` with one character of its first signature changed: well formed, no longer signed.
    private static func forge(_ envelope: [UInt8]) throws -> [UInt8] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(envelope)) as? [String: Any])
        var signatures = try #require(object["signatures"] as? [[String: Any]])
        var signature = Array(try #require(signatures[0]["signature"] as? String))
        signature[10] = signature[10] == "A" ? "B" : "A"
        signatures[0]["signature"] = String(signature)
        object["signatures"] = signatures
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]))
    }

    /// Writes `envelope` to a file of `daemon`'s directory for `alert send`.
    private static func write(_ envelope: [UInt8], in daemon: DaemonHarness) throws -> String {
        let file = daemon.directory.file("envelope-\(UUID().uuidString.prefix(8)).jws")
        try Data(envelope).write(to: URL(fileURLWithPath: file))
        return file
    }

    private static func eventCount(_ office: BrokerConnection, id: String, type: SiteEvent.Kind) throws -> Int {
        CallHomeSite.events(office, site: "xa-an-phu", alert: "\(CallHomeSite.issuer)/\(id)")
            .filter { $0.type == type }.count
    }
}
