import AlertTrust
import CommuneCastTesting
import ControlProtocol
import Fleet
import Foundation
import Testing
import Uplink

/// Signed varlink calls over MQTT 5 request/response (issue 15): the site verifies the signature, maps the signer
/// to a role through its ACL, and answers through the same dispatcher, method table and audit log as the sockets.
@Suite("communecastd: signed commands over the call-home broker", .serialized)
struct DaemonCallHomeCommandTests {
    /// A call signed by `signer` at `at` for `to`, as the office sends it.
    private static func command(_ method: String, _ parameters: [String: JSONValue] = [:], signer: String,
                                pki: TestPKI, to: String = "xa-an-phu", at: Date = Date()) async throws -> [UInt8] {
        let call = SignedCommand(call: .object(["method": .string(method), "parameters": .object(parameters)]),
                                 id: UUID().uuidString.lowercased(), to: to)
        var envelope = AlertEnvelope(payloadBytes: call.jsonBytes)
        try await CallHomeSite.signer(signer, pki: pki).sign(&envelope, part: .draft, at: at)
        return envelope.serialized()
    }

    /// Sends `payload` to xa-an-phu's command topic and decodes the varlink reply; a missing reply fails with the
    /// site's log, so a lost command can be told from a slow one.
    private static func request(_ payload: [UInt8], office: BrokerConnection, site: CallHomeSite? = nil) async throws
        -> VarlinkReply {
        do {
            let reply = try await BrokerPublisher(connection: office).request(
                site: try Uplink.SiteName("xa-an-phu"), payload: payload, timeout: .seconds(60)
            )
            return try VarlinkReply(decoding: reply.payload)
        } catch {
            if let site { Issue.record("\(error)\nthe site's log:\n\(site.daemon.log)") }
            throw error
        }
    }

    private static func code(_ reply: VarlinkReply) -> String? {
        guard reply.error == VarlinkError.permissionDenied.name, case .string(let code)? = reply.parameters["code"]
        else { return nil }
        return code
    }

    @Test("calls are answered by the method table: a provincial reload, a monitor's health, SetVolume denied")
    func dispatched() async throws {
        let fixture = try await CallHomeFixture.start()
        defer { fixture.cleanUp() }
        let (broker, site, office) = (fixture.broker, fixture.site, fixture.office)
        let pki = broker.pki

        let reload = try await Self.request(try await Self.command(
            Site.ReloadSchedules.name, signer: "so-tt-an-giang", pki: pki), office: office, site: site)
        #expect(reload.error == nil, "\(reload)\n\(site.daemon.log)")
        let health = try await Self.request(try await Self.command(Site.GetHealth.name, signer: "giam-sat", pki: pki),
                                            office: office, site: site)
        let reported = try #require(health.parameters["health"], "\(health)")
        #expect(try reported.decode(as: Site.Health.self).site == "xa-an-phu")
        // SetVolume needs the admin role, ReloadSchedules the operator role: the method table decides.
        let volume = try await Self.request(try await Self.command(
            Site.SetVolume.name, ["db": .integer(-6)], signer: "so-tt-an-giang", pki: pki), office: office)
        #expect(volume.error == VarlinkError.permissionDenied.name, "\(volume)")
        let monitorReload = try await Self.request(try await Self.command(
            Site.ReloadSchedules.name, signer: "giam-sat", pki: pki), office: office)
        #expect(monitorReload.error == VarlinkError.permissionDenied.name, "\(monitorReload)")
        #expect(try site.daemon.storedSetting("volume_db") == nil)

        let audit = try site.daemon.auditRows().filter { $0.hasPrefix("mqtt signed subject=CN=") }
        let denied = VarlinkError.permissionDenied.name
        #expect(audit.contains { $0.hasSuffix("|provincial|\(Site.ReloadSchedules.name)|ok") }, "\(audit)")
        #expect(audit.contains { $0.hasSuffix("|provincial|\(Site.SetVolume.name)|\(denied)") }, "\(audit)")
        #expect(audit.contains { $0.hasSuffix("|monitor|\(Site.ReloadSchedules.name)|\(denied)") }, "\(audit)")
        await office.close()
    }

    @Test("a group command reaches every site of the group; each replies under its own tree")
    func groupCommand() async throws {
        let fixture = try await CallHomeFixture.start()
        defer { fixture.cleanUp() }
        let other = try CallHomeSite("xa-phu-tan", brokers: [fixture.broker])
        defer { other.cleanUp() }
        #expect(await other.waitUntilConnected(), "\(other.daemon.log)")
        #expect(try await other.waitUntilSubscribed(office: fixture.office), "\(other.daemon.log)")
        let office = fixture.office
        let scheme = TopicScheme()
        try office.subscribe([scheme.replies(office: office.office)])
        let request = UUID().uuidString.lowercased()
        let correlation = Array(request.utf8)
        let payload = try await Self.command(Site.GetHealth.name, signer: "so-tt-an-giang", pki: fixture.broker.pki,
                                             to: "group:\(CallHomeSite.group)")
        try await office.publish(OutgoingMessage(
            topic: scheme.commands(group: try GroupID(CallHomeSite.group)), payload: payload,
            correlationData: correlation,
            userProperties: [UserProperty(name: UserProperty.replyName, value: "\(office.office)/\(request)")]
        ))
        var replies: [String: VarlinkReply] = [:]
        _ = try await Poll.until(timeout: .seconds(90)) {
            for message in office.messages(since: 0).messages where message.correlationData == correlation {
                if case .reply(let site, _)? = scheme.parse(message.topic) {
                    replies[site.rawValue] = try? VarlinkReply(decoding: message.payload)
                }
            }
            return replies.count == 2
        }
        #expect(Set(replies.keys) == ["xa-an-phu", "xa-phu-tan"], "\(replies)")
        for (site, reply) in replies {
            let health = try #require(reply.parameters["health"], "\(site): \(reply)")
            #expect(try health.decode(as: Site.Health.self).site == site)
        }
        await office.close()
    }

    @Test("unsigned, forged, stale, wrong-audience and replayed commands (after a restart too) are refused, audited")
    func refused() async throws {
        let fixture = try await CallHomeFixture.start()
        defer { fixture.cleanUp() }
        let (broker, site, office) = (fixture.broker, fixture.site, fixture.office)
        let pki = broker.pki
        let volume: [String: JSONValue] = ["db": .integer(-20)]

        let unsigned = SignedCommand(call: .object(["method": .string(Site.SetVolume.name),
                                                    "parameters": .object(volume)]), id: "x", to: "xa-an-phu")
        #expect(Self.code(try await Self.request(unsigned.jsonBytes, office: office)) == "malformed")
        var forged = try await Self.command(Site.SetVolume.name, volume, signer: "so-tt-an-giang", pki: pki)
        let index = try #require(forged.lastIndex(of: UInt8(ascii: "\"")).map { $0 - 10 })
        forged[index] = forged[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(Self.code(try await Self.request(forged, office: office)) == "bad_signature")
        let stale = try await Self.command(Site.SetVolume.name, volume, signer: "so-tt-an-giang", pki: pki,
                                           at: Date().addingTimeInterval(-900))
        #expect(Self.code(try await Self.request(stale, office: office)) == "signature_too_old")
        let elsewhere = try await Self.command(Site.SetVolume.name, volume, signer: "so-tt-an-giang", pki: pki,
                                               to: "xa-phu-tan")
        #expect(Self.code(try await Self.request(elsewhere, office: office)) == "not_for_this_site")
        let good = try await Self.command(Site.GetHealth.name, signer: "so-tt-an-giang", pki: pki)
        #expect(try await Self.request(good, office: office).error == nil)
        #expect(Self.code(try await Self.request(good, office: office)) == "replayed")
        // The ids are kept in the site's store: a replay after a restart is refused too.
        #expect(site.daemon.stop() == 0)
        try site.daemon.start()
        #expect(await site.waitUntilConnected(count: 2), "\(site.daemon.log)")
        #expect(Self.code(try await Self.request(good, office: office)) == "replayed")

        #expect(try site.daemon.storedSetting("volume_db") == nil, "no refused command changed the volume")
        let refusals = try site.daemon.auditRows().filter { $0.hasPrefix("mqtt:") }
        #expect(refusals.count == 6 && refusals.allSatisfy { $0.hasSuffix(VarlinkError.permissionDenied.name) },
                "\(refusals)")
        await office.close()
    }
}
