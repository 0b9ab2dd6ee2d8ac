import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

/// A retained alert with the MQTT 5 Message Expiry set to the alert's expiry reaches a site that connects later,
/// and no site once it has expired (docs/call-home.md, "Alerts").
@Suite("Retained alerts with expiry")
struct RetainedAlertTests {
    @Test("A site that connects later receives the alert; after its expiry a site receives only what is in force")
    func retainedUntilExpiry() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let group = try GroupID("p-89")
        let office = try await OfficeFixture.connect([broker])
        let publisher = BrokerPublisher(connection: office)
        let shortLived = Array(#"{"alert":"storm","expires":"soon"}"#.utf8)
        let inForce = Array(#"{"alert":"flood","expires":"in an hour"}"#.utf8)
        // Long enough for a site to connect and receive it while the whole suite loads the machine (30 s was not,
        // once); the test then waits it out.
        let lifetime = 90.0
        let expires = Date().addingTimeInterval(lifetime)
        try await publisher.publishAlert(shortLived, issuer: "so-tt-an-giang", id: "storm-1", expires: expires,
                                         groups: [group])
        try await publisher.publishAlert(inForce, issuer: "so-tt-an-giang", id: "flood-1",
                                         expires: Date().addingTimeInterval(3_600), groups: [group])
        await office.close()

        let early = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                            groups: [group])
        #expect(try await early.wait { $0.messages.count >= 2 })
        await early.stop()
        let received = try #require(early.messages.first { $0.payload == shortLived })
        #expect(received.retained)
        #expect(received.userProperty(UserProperty.alertName) == "so-tt-an-giang/storm-1")
        let left = try #require(received.expiry)
        // Delivered with time left: the broker counted the expiry down and had not yet dropped the alert.
        #expect(left > .zero && left <= .seconds(lifetime), "expiry \(left)")

        #expect(try await Poll.until(timeout: .seconds(lifetime + 60)) { Date() > expires.addingTimeInterval(1) })
        // Retained messages of one subscription go out together: once the alert in force arrives, the expired one
        // would have come with it.
        let late = try UplinkRecorder.site("xa-phu-tan", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                           groups: [group])
        #expect(try await late.wait { $0.messages.contains { $0.payload == inForce } })
        await late.stop()
        #expect(!late.messages.contains { $0.payload == shortLived }, "the expired alert was delivered")
        #expect(late.messages.count == 1)
    }
}
