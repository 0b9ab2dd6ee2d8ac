import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

/// What stage 2's daemon will use: a command with MQTT 5 request/response answered with `respond`, and the outbox
/// and session counter behind `UplinkStore`.
@Suite("Uplink site interface")
struct SiteInterfaceTests {
    @Test("A command's reply goes to its Response Topic with its Correlation Data; a foreign Response Topic is refused")
    func requestResponse() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let site = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                           groups: [GroupID.all])
        #expect(try await site.wait { $0.client.state.isConnected })
        let office = try await OfficeFixture.connect([broker])
        let call = Array(#"{"method":"io.communecast.Site.GetHealth"}"#.utf8)
        let reply = Array(#"{"parameters":{"state":"ok"}}"#.utf8)
        let answer = Task { try await BrokerPublisher(connection: office).request(
            site: try SiteName("xa-an-phu"), payload: call, timeout: .seconds(60)) }

        #expect(try await site.wait { $0.messages.contains { $0.payload == call } })
        let request = try #require(site.messages.first { $0.payload == call })
        #expect(request.topic == TopicScheme().commands(site: try SiteName("xa-an-phu")))
        let responseTopic = try #require(request.responseTopic)
        #expect(responseTopic.hasPrefix("cc/v1/site/xa-an-phu/reply/so-tt-an-giang/"))
        #expect(request.correlationData?.isEmpty == false)
        _ = try await site.client.respond(to: request, payload: reply, contentType: "application/json")
        let received = try await answer.value
        #expect(received.payload == reply)
        #expect(received.correlationData == request.correlationData)
        #expect(received.topic == responseTopic)

        let forged = UplinkMessage(
            topic: request.topic, payload: call, qos: .atLeastOnce, retained: false, expiry: nil,
            responseTopic: "cc/v1/site/xa-phu-tan/reply/so-tt-an-giang/x", correlationData: [1], contentType: nil,
            userProperties: [], broker: request.broker)
        await #expect(throws: UplinkError.responseTopicNotAllowed("cc/v1/site/xa-phu-tan/reply/so-tt-an-giang/x")) {
            try await site.client.respond(to: forged, payload: reply)
        }
        await office.close()
        await site.stop()
    }

    @Test("An event kept in the outbox before the uplink connects is published once connected, then forgotten")
    func outboxDrainsOnConnect() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let eventsTopic = TopicScheme().events(site: try SiteName("xa-an-phu"))
        let office = try await OfficeFixture.connect([broker], subscribing: [eventsTopic])
        let store = InMemoryUplinkStore(firstSession: 42)
        let site = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                           store: store, start: false)
        let event = SiteEvent(type: .alertAired, at: Date(), alert: "so-tt-an-giang/flood-1")
        try site.client.publishDurably(OutgoingMessage(topic: eventsTopic, payload: event.payload))
        #expect(store.count == 1)
        site.client.start()
        #expect(try await Poll.until(timeout: .seconds(60)) {
            office.messages(since: 0).messages.contains { $0.payload == event.payload }
        })
        #expect(try await Poll.until(timeout: .seconds(60)) { store.count == 0 })
        #expect(site.connections.first?.session == 42)
        await office.close()
        await site.stop()
    }
}
