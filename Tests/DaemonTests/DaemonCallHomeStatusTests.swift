import CommuneCastTesting
import ControlProtocol
import Fleet
import Foundation
import Testing
import Uplink

/// The site's presence on the broker (issue 15): its retained status with the session counter and the Last Will,
/// and its retained health, as the office reads them.
@Suite("communecastd: status, Will and health on the call-home broker", .serialized)
struct DaemonCallHomeStatusTests {
    /// The latest status `office` received from xa-an-phu.
    private static func status(_ office: BrokerConnection) throws -> SiteStatus? {
        let topic = TopicScheme().status(site: try Uplink.SiteName("xa-an-phu"))
        return office.messages(since: 0).messages.last { $0.topic == topic }
            .flatMap { try? SiteStatus(payload: $0.payload) }
    }

    private static func waitForStatus(_ office: BrokerConnection, _ wanted: (SiteStatus) -> Bool) async throws
        -> SiteStatus? {
        var found: SiteStatus?
        _ = try await Poll.until(timeout: .seconds(90)) {
            found = try status(office)
            return found.map(wanted) ?? false
        }
        return found
    }

    @Test("online with a session number; the Will says offline after kill -9; a restart is a later session")
    func statusAndWill() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let office = try await CallHomeSite.office([broker])
        let site = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { site.cleanUp() }
        let online = try await Self.waitForStatus(office) { $0.state == .online }
        let first = try #require(online, "\(site.daemon.log)")
        #expect(first.session >= 1 && first.broker == "mqtts://localhost:\(broker.port)", "\(first)")

        site.daemon.stop(signal: SIGKILL)
        let will = try await Self.waitForStatus(office) { $0.state == .offline }
        #expect(will?.session == first.session && will?.reason == nil, "\(String(describing: will))")

        try site.daemon.start()
        let back = try await Self.waitForStatus(office) { $0.state == .online && $0.session > first.session }
        #expect(back != nil, "\(site.daemon.log)")
        #expect(site.daemon.stop() == 0)
        let stopped = try await Self.waitForStatus(office) { $0.state == .offline }
        #expect(stopped?.reason == "stopped" && stopped?.session == back?.session, "\(String(describing: stopped))")
        await office.close()
    }

    @Test("the health is retained with an expiry, and readable without any traffic to the site")
    func retainedHealth() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let site = try CallHomeSite("xa-an-phu", brokers: [broker])
        defer { site.cleanUp() }
        #expect(await site.waitUntilConnected(), "\(site.daemon.log)")
        // Each read on a fresh connection (the retained messages come on subscribing), until the health is there.
        var record: RetainedSite?
        let deadline = ContinuousClock.now + .seconds(90)
        while record?.health == nil, ContinuousClock.now < deadline {
            let office = try await CallHomeSite.office([broker], subscribing: false)
            record = try await BrokerCollector(connection: office).readRetained(timeout: .seconds(20))
                .sites[try Uplink.SiteName("xa-an-phu")]
            await office.close()
        }
        #expect(record?.health != nil, "\(site.daemon.log)")
        let health = try JSONParser().parse(try #require(record?.health)).decode(as: Site.Health.self)
        #expect(health.site == "xa-an-phu" && health.databaseOk, "\(health)")
        let expiry = try #require(record?.healthExpiry)
        #expect(expiry > .zero && expiry <= .seconds(30), "three health intervals of 10 s: \(expiry)")
        #expect(record?.status?.state == .online)
    }
}
