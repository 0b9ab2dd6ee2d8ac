import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

/// The province's side (`Fleet`'s broker collector): each site's result of an alert from its events and status, and
/// every site's retained status and health read at once.
@Suite("Broker collector")
struct BrokerCollectorTests {
    @Test("Results: ok and refused from the events, offline from the status or its absence, timed out otherwise")
    func gatherResults() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let scheme = TopicScheme()
        let group = try GroupID("all")
        let answering = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                                groups: [group])
        let refusing = try UplinkRecorder.site("xa-phu-tan", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                               groups: [group])
        let silent = try UplinkRecorder.site("can-bo-xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                             certificate: "can-bo-xa-an-phu", groups: [group])
        let stopped = try UplinkRecorder.site("xa-cho-moi", brokers: [BrokerEndpoint(broker)], pki: broker.pki)
        for site in [answering, refusing, silent, stopped] {
            #expect(try await site.wait { $0.client.state.isConnected })
        }
        await stopped.stop()
        let health = Array(#"{"state":"ok"}"#.utf8)
        _ = try await answering.client.publish(OutgoingMessage(
            topic: scheme.health(site: try SiteName("xa-an-phu")), payload: health, retain: true,
            expiry: .seconds(900)))

        let office = try await OfficeFixture.connect([broker])
        let collector = BrokerCollector(connection: office)
        // The cursor before subscribing: the retained statuses may be recorded (on the uplink's thread) before
        // `subscribe` returns.
        let (_, cursor) = office.messages(since: Int.max)
        try office.subscribe(collector.filters)
        let envelope = Array(#"{"alert":"flood"}"#.utf8)
        try await BrokerPublisher(connection: office).publishAlert(
            envelope, issuer: "so-tt-an-giang", id: "flood-7", expires: Date().addingTimeInterval(3_600),
            groups: [group])
        for (site, event) in [
            (answering, SiteEvent(type: .alertReceived, at: Date(), alert: "so-tt-an-giang/flood-7")),
            (refusing, SiteEvent(type: .alertRefused, at: Date(), alert: "so-tt-an-giang/flood-7",
                                 code: "signature_too_old", message: "signed 11 minutes ago")),
        ] {
            #expect(try await site.wait { $0.messages.contains { $0.payload == envelope } })
            let name = try SiteName(site.client.configuration.clientID)
            _ = try await site.client.publish(OutgoingMessage(topic: scheme.events(site: name), payload: event.payload))
        }
        let names = try ["xa-an-phu", "xa-phu-tan", "can-bo-xa-an-phu", "xa-cho-moi", "xa-never"].map(SiteName.init)
        let results = await collector.gatherAlertResults(alert: "so-tt-an-giang/flood-7", sites: names, since: cursor,
                                                         deadline: .seconds(8))
        #expect(results.map(\.kind) == [.ok, .refused, .timedOut, .offline, .offline])
        #expect(results[1].message?.contains("signature_too_old") == true)
        #expect(results[3].status?.reason == "stopped")
        #expect(results[4].status == nil)

        await office.close()

        // `fleet health --via`: a connection of its own, so every filter is new and its retained messages come.
        let reader = try await OfficeFixture.connect([broker], staff: "giam-sat")
        let (retained, complete) = try await BrokerCollector(connection: reader).readRetained()
        await reader.close()
        #expect(complete)
        #expect(retained[names[0]]?.status?.state == .online)
        #expect(retained[names[0]]?.health == health)
        let expiry = try #require(retained[names[0]]?.healthExpiry)
        #expect(expiry > .seconds(800) && expiry <= .seconds(900), "\(expiry)")
        #expect(retained[names[3]]?.status?.state == .offline)
        #expect(retained[names[4]] == nil)
        for site in [answering, refusing, silent] { await site.stop() }
    }
}
