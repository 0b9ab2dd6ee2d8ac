import CommuneCastTesting
import Foundation
import Testing
import Uplink

/// The broker's size limits (docs/call-home.md): a payload over `message_size_limit` is refused by the broker, a
/// packet over the `max_packet_size` it announced is refused before it leaves the site; the connection stays up.
@Suite("Oversized publishes")
struct MessageSizeTests {
    @Test("Over message_size_limit: the broker refuses it; over max_packet_size: never sent; normal ones pass")
    func oversized() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let site = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki)
        #expect(try await site.wait { $0.client.state.isConnected })
        let topic = TopicScheme().events(site: try SiteName("xa-an-phu"))

        let overLimit = await BrokerSecurityTests.outcome(
            of: site.client, OutgoingMessage(topic: topic, payload: [UInt8](repeating: 0x41, count: 70_000)))
        let code = try #require(overLimit?.brokerReasonCode, "\(String(describing: overLimit))")
        #expect(code >= 128, "reason code \(code)")

        let overPacket = await BrokerSecurityTests.outcome(
            of: site.client, OutgoingMessage(topic: topic, payload: [UInt8](repeating: 0x41, count: 100_000)))
        #expect(overPacket == .tooLarge(bytes: 100_000))

        let normal = await BrokerSecurityTests.outcome(
            of: site.client, OutgoingMessage(topic: topic, payload: [UInt8](repeating: 0x41, count: 8_000)))
        #expect(normal == nil)
        #expect(site.connections.count == 1, "the connection was dropped")
        await site.stop()
    }
}
