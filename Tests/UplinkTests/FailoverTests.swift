import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

#if canImport(Glibc)
import Glibc
#endif

/// Two brokers: the uplink fails over to the second when the first is dead, and delivers each message once even
/// when both brokers hold it.
@Suite("Failover between two brokers")
struct FailoverTests {
    @Test("A dead first broker: the uplink goes straight on to the second")
    func deadFirstBroker() async throws {
        let live = try TestBroker()
        defer { live.remove() }
        let dead = BrokerEndpoint(host: "localhost", port: try LoopbackPort.free())
        let site = try UplinkRecorder.site("xa-an-phu", brokers: [dead, BrokerEndpoint(live)], pki: live.pki)
        #expect(try await site.wait { !$0.connections.isEmpty })
        await site.stop()
        #expect(site.connections.first?.broker == BrokerEndpoint(live))
        let failure = try #require(site.failures.first)
        guard case .unreachable = failure else {
            Issue.record("the dead broker failed as \(failure)")
            return
        }
        #expect(site.retryWaits.first == .zero, "the second broker was not tried at once")
    }

    @Test("The first broker dies: the site fails over and each alert reaches it once")
    func failoverDeliversOnce() async throws {
        let first = try TestBroker()
        defer { first.remove() }
        let second = try TestBroker(pki: first.pki)
        defer { second.remove() }
        let group = try GroupID("c-30316")
        let site = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(first), BrokerEndpoint(second)],
                                           pki: first.pki, groups: [group])
        #expect(try await site.wait { $0.connections.count == 1 })
        #expect(site.connections[0].broker == BrokerEndpoint(first))

        // The office publishes every alert to both brokers (they are not bridged).
        let flood = Array(#"{"alert":"flood"}"#.utf8)
        for broker in [first, second] {
            let office = try await OfficeFixture.connect([broker])
            try await BrokerPublisher(connection: office).publishAlert(
                flood, issuer: "so-tt-an-giang", id: "flood-1", expires: Date().addingTimeInterval(3_600),
                groups: [group])
            await office.close()
        }
        #expect(try await site.wait { $0.messages.count == 1 })
        first.stop(signal: SIGKILL)
        #expect(try await site.wait { $0.connections.count == 2 })
        #expect(site.connections[1].broker == BrokerEndpoint(second))

        let storm = Array(#"{"alert":"storm"}"#.utf8)
        let office = try await OfficeFixture.connect([second])
        try await BrokerPublisher(connection: office).publishAlert(
            storm, issuer: "so-tt-an-giang", id: "storm-1", expires: Date().addingTimeInterval(3_600), groups: [group])
        await office.close()
        #expect(try await site.wait { $0.messages.contains { $0.payload == storm } })
        await site.stop()
        #expect(site.messages.filter { $0.payload == flood }.count == 1, "the flood alert was delivered twice")
        #expect(site.messages.count == 2)
    }
}
