import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

#if canImport(Glibc)
import Glibc
#endif

/// A site's uplink in a child process (`uplink-probe`) killed with -9: its retained status turns `offline` for the
/// same session, after the Will Delay, by the broker's Last Will.
@Suite("Last Will")
struct LastWillTests {
    @Test("A site killed with -9 shows offline after the Will delay")
    func willAfterKill() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let pki = broker.pki
        let statusTopic = TopicScheme().status(site: try SiteName("xa-an-phu"))
        let office = try await OfficeFixture.connect([broker], subscribing: [statusTopic])
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: BuiltProducts.path(of: "uplink-probe"))
        probe.arguments = [
            "--broker", BrokerEndpoint(broker).description, "--site", "xa-an-phu", "--ca", pki.file("province-ca.pem"),
            "--cert", pki.file("xa-an-phu-uplink.pem"), "--key", pki.file("xa-an-phu-uplink.key"), "--will-delay", "3",
        ]
        let input = Pipe()
        probe.standardInput = input
        probe.standardOutput = FileHandle.nullDevice
        try probe.run()

        #expect(try await Poll.until(timeout: .seconds(60)) { Self.latest(office)?.state == .online })
        let online = try #require(Self.latest(office))
        kill(probe.processIdentifier, SIGKILL)
        probe.waitUntilExit()
        let killed = ContinuousClock.now
        #expect(try await Poll.until(timeout: .seconds(60)) { Self.latest(office)?.state == .offline })
        let waited = ContinuousClock.now - killed
        let offline = try #require(Self.latest(office))
        await office.close()
        #expect(offline.session == online.session)
        #expect(offline.reason == nil, "a stopped site's own offline, not its Will")
        // Mosquitto counts the delay in whole seconds of its clock: 3 s is at least 2 s of ours.
        #expect(waited >= .seconds(2), "the Will came \(waited) after the kill, before its delay")
    }

    /// The latest status the office received.
    static func latest(_ office: BrokerConnection) -> SiteStatus? {
        office.messages(since: 0).messages.last.flatMap { try? SiteStatus(payload: $0.payload) }
    }
}
