import CommuneCastTesting
import Dispatch
import Foundation
import LiveBroadcast
import Logging
import Synchronization
import Testing

/// A live source whose Icecast goes away and comes back: the capture goes on, the source retries with back-off and
/// is on the mount again once the server is back.
@Suite("Live: reconnecting after the server is lost")
struct LiveReconnectTests {
    @Test("the source reconnects to a restarted Icecast and the mount has its source again")
    func reconnects() throws {
        let directory = try TemporaryDirectory(prefix: "reconnect")
        defer { directory.remove() }
        var server = try IcecastServer(directory: directory)
        let port = server.port
        let events = Mutex<[LiveBroadcastEvent]>([])
        let settings = LiveSettings(mount: try MountURL(server.url("/live.opus")), password: server.sourcePassword)
        let broadcaster = LiveBroadcaster(settings: settings, logger: Logger(label: "test.live")) { event in
            events.withLock { $0.append(event) }
        }
        let done = DispatchSemaphore(value: 0)
        let input = DriftTests.DriftingTone(ppm: 0)
        let report = Mutex<LiveBroadcastReport?>(nil)
        Thread {
            let result = try? broadcaster.run(input: input)
            report.withLock { $0 = result }
            done.signal()
        }.start()
        try #require(Poll.until(timeout: 60) { server.hasSource("/live.opus") })
        server.stop()
        #expect(Poll.until(timeout: 60) {
            events.withLock { $0.contains { if case .disconnected = $0 { true } else { false } } }
        })
        server = try IcecastServer(directory: directory, port: port)
        defer { server.stop() }
        #expect(Poll.until(timeout: 60) { server.hasSource("/live.opus") }, "\(events.withLock { $0 })")
        #expect(events.withLock { $0.contains { if case let .connected(attempt) = $0 { attempt >= 2 } else { false } } })
        broadcaster.stop()
        #expect(done.wait(timeout: .now() + 30) == .success)
        let result = try #require(report.withLock { $0 })
        #expect(result.connections >= 2)
        #expect(result.pagesDropped > 0)
    }
}
