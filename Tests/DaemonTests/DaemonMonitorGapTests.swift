import CommuneCastTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12: a Monitor client that stops reading used to lose events silently.
@Suite("communecastd: a Monitor client that stops reading is told what it missed", .serialized)
struct DaemonMonitorGapTests {
    private static let reload = #"{"method":"io.communecast.Site.ReloadSchedules","parameters":{}}"#

    @Test("a stalled Monitor reader gets an events_lost marker with the count, then the events kept")
    func gapMarker() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let monitor = try RawUnixSocket(path: daemon.socket)
        #expect(monitor.sendMessage(#"{"method":"io.communecast.Site.Monitor","parameters":{},"more":true}"#))
        // Nothing says when the call has subscribed: reload on SIGHUP until an event arrives. Those events say
        // "SIGHUP", so they are told apart from the ones counted below.
        var hangUps = 0
        while hangUps < 60, !monitor.isReadable(within: 1) {
            daemon.send(SIGHUP)
            hangUps += 1
        }
        #expect(monitor.isReadable(within: 0))

        // The monitor reads nothing more while a flood of reloads, one event each, fills its socket and its queue;
        // the daemon says when it starts dropping, and the flood goes on a little after that.
        let caller = try RawUnixSocket(path: daemon.socket)
        var published = 0
        var extraBatches = 0
        let deadline = Date().addingTimeInterval(180)
        while extraBatches < 2, Date() < deadline {
            #expect(caller.send(Array(String(repeating: Self.reload + "\0", count: 200).utf8)))
            for _ in 0..<200 { _ = try #require(caller.receiveMessage(), "no reply to ReloadSchedules") }
            published += 200
            if daemon.log.contains("a Monitor client is not reading its events") { extraBatches += 1 }
        }
        #expect(extraBatches == 2, "no event was dropped after \(published) reloads:\n\(daemon.log)")

        var reloads = 0
        var lost = 0
        var markers: [[String: Any]] = []
        while reloads + lost < published, let message = monitor.receiveMessage() {
            let reply = try #require(try JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any])
            let event = try #require((reply["parameters"] as? [String: Any])?["event"] as? [String: Any])
            switch event["kind"] as? String {
            case "events_lost":
                markers.append(event)
                lost += event["lost"] as? Int ?? 0
            case "config_reload" where (event["reason"] as? String)?.hasPrefix("ReloadSchedules") == true:
                reloads += 1
            default:
                continue
            }
        }
        #expect(!markers.isEmpty, "no events_lost marker among \(reloads) events")
        #expect(lost > 0 && reloads > 0)
        // Every event published while the monitor stalled is either received or counted in a marker; a few events
        // of the first SIGHUPs may be counted among the lost too.
        #expect(reloads + lost >= published && reloads + lost <= published + hangUps,
                "\(reloads) received + \(lost) lost, \(published) published")
        #expect((markers.first?["reason"] as? String)?.contains("lost: this client did not read") == true, "\(markers)")
        #expect(daemon.wait { daemon.log.contains("a Monitor client missed events it did not read in time") })
    }
}
