import CommuneCastTesting
import Fleet
import Foundation
import Logging
import Testing
import Uplink

/// The broker of docs/call-home.md, generated from the document and run for real: mutual TLS refuses the
/// certificates it must, and the ACL keeps each site in its own topics and alerts to staff.
@Suite("Broker mutual TLS and ACL")
struct BrokerSecurityTests {
    @Test("A site certificate from another CA, expired, or without clientAuth is refused; the right one connects")
    func refusedCertificates() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let refused = [
            ("xa-an-phu", "other/xa-an-phu-uplink"), ("expired", "expired"), ("test-site", "test-site"),
        ]
        for (site, certificate) in refused {
            let verifyFailures = broker.log().components(separatedBy: "certificate verify failed").count
            let recorder = try UplinkRecorder.site(site, brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                                   certificate: certificate)
            #expect(try await recorder.wait { $0.failures.count >= 2 }, "\(certificate): no failed attempts")
            await recorder.stop()
            #expect(recorder.connections.isEmpty, "\(certificate) was let in")
            #expect(recorder.failures.allSatisfy { $0.isRefusalOfOurCertificate },
                    "\(certificate): \(recorder.failures)")
            // The reasons OpenSSL gives for these refusals come in words, its own text kept in brackets.
            for failure in recorder.failures {
                guard case .tls = failure else { continue }
                let text = "\(failure)"
                let known = ["alert unknown ca", "alert unsupported certificate"].contains { text.contains($0) }
                #expect(!known || text.contains("[OpenSSL: error:"), "\(text)")
                #expect(!text.contains("TLS handshake failed: the TLS handshake failed"), "\(text)")
            }
            #expect(broker.log().components(separatedBy: "certificate verify failed").count > verifyFailures,
                    "\(certificate): the broker did not log a refused certificate")
        }
        let good = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki)
        #expect(try await good.wait { $0.client.state.isConnected })
        await good.stop()
    }

    @Test("A site cannot publish into another site's topics or an alert topic; staff publish alerts it receives")
    func aclConfinesSites() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let scheme = TopicScheme()
        let group = try GroupID("c-30316")
        let site = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                           groups: [group])
        let neighbour = try UplinkRecorder.site("xa-phu-tan", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                                groups: [group])
        #expect(try await site.wait { $0.client.state.isConnected && $0.messages.isEmpty })
        #expect(try await neighbour.wait { $0.client.state.isConnected })

        let forbidden = [
            scheme.status(site: try SiteName("xa-phu-tan")), scheme.health(site: try SiteName("xa-phu-tan")),
            scheme.alert(group: group, slot: AlertSlot(issuer: "so-tt-an-giang", id: "forged")),
            scheme.commands(site: try SiteName("xa-phu-tan")),
        ]
        for topic in forbidden {
            let outcome = await Self.outcome(of: site.client, OutgoingMessage(topic: topic, payload: Array("x".utf8)))
            #expect(outcome?.brokerReasonCode == 135, "\(topic): \(String(describing: outcome))")
        }
        let own = await Self.outcome(of: site.client, OutgoingMessage(
            topic: scheme.health(site: try SiteName("xa-an-phu")), payload: Array("{}".utf8), retain: true))
        #expect(own == nil, "its own health was refused: \(String(describing: own))")

        let office = try await OfficeFixture.connect([broker])
        let envelope = Array(#"{"signed":"by two staff"}"#.utf8)
        try await BrokerPublisher(connection: office).publishAlert(
            envelope, issuer: "so-tt-an-giang", id: "flood-1", expires: Date().addingTimeInterval(3_600),
            groups: [group])
        #expect(try await neighbour.wait { $0.messages.contains { $0.payload == envelope } })
        #expect(neighbour.messages.allSatisfy { $0.payload != Array("x".utf8) }, "a forged message got through")
        await office.close()
        await site.stop()
        await neighbour.stop()
    }

    /// The error a publish ended with, or nil if the broker took it.
    static func outcome(of client: UplinkClient, _ message: OutgoingMessage) async -> UplinkError? {
        do {
            _ = try await client.publish(message, within: .seconds(60))
            return nil
        } catch {
            return error
        }
    }
}

extension UplinkError {
    /// The broker's PUBACK reason code, for a refusal.
    var brokerReasonCode: Int32? {
        if case .refusedByBroker(let code, _) = self { return code }
        return nil
    }
}

extension UplinkFailure {
    /// A failure of the TLS handshake or of the connection right after it: how a broker refusing our certificate
    /// shows (TLS 1.3 sends the refusal after the client's side of the handshake is done).
    var isRefusalOfOurCertificate: Bool {
        switch self {
        case .tls, .connectionLost: true
        default: false
        }
    }
}
