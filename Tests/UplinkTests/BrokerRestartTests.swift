import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

#if canImport(Glibc)
import Glibc
#endif

/// The broker restarts (gracefully, or killed with -9): connected sites come back by themselves after a wait drawn
/// with full jitter, and the retained alert is still on the broker.
@Suite("Broker restart")
struct BrokerRestartTests {
    @Test("Sites reconnect with jittered waits and the retained alert survives", arguments: [SIGTERM, SIGKILL])
    func restart(signal: Int32) async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let group = try GroupID("all")
        let office = try await OfficeFixture.connect([broker])
        let envelope = Array(#"{"alert":"restart \#(signal)"}"#.utf8)
        try await BrokerPublisher(connection: office).publishAlert(
            envelope, issuer: "so-tt-an-giang", id: "restart-\(signal)", expires: Date().addingTimeInterval(3_600),
            groups: [group])
        await office.close()
        let policy = ReconnectPolicy(initialCeiling: .seconds(2), maximumCeiling: .seconds(8),
                                     minimumDelay: .milliseconds(50), stableAfter: .seconds(60))
        let sites = try ["xa-an-phu", "xa-phu-tan"].map {
            try UplinkRecorder.site($0, brokers: [BrokerEndpoint(broker)], pki: broker.pki, groups: [group],
                                    policy: policy)
        }
        for site in sites {
            #expect(try await site.wait { $0.connections.count == 1 && $0.messages.count == 1 })
        }
        if signal == SIGKILL {
            // Persistence is a periodic snapshot (docs/call-home.md, "Restarts"): take one, as autosave would.
            try broker.save()
        }
        broker.stop(signal: signal)
        for site in sites {
            #expect(try await site.wait { !$0.client.state.isConnected && !$0.failures.isEmpty })
        }
        try broker.start()
        for site in sites {
            #expect(try await site.wait { $0.connections.count == 2 })
            let wait = try #require(site.retryWaits.first)
            #expect(wait >= .milliseconds(50) && wait <= .seconds(2), "first wait \(wait)")
            #expect(site.connections[1].session > site.connections[0].session)
            // The alert came again with the subscription, and the uplink dropped the copy.
            #expect(site.messages.count == 1)
        }
        #expect(sites[0].retryWaits.first != sites[1].retryWaits.first, "two sites drew the same wait")
        let later = try UplinkRecorder.site("xa-cho-moi", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                            groups: [group])
        #expect(try await later.wait { $0.messages.contains { $0.payload == envelope } })
        await later.stop()
        for site in sites { await site.stop() }
    }
}
