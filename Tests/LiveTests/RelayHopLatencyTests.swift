import AudioOutput
import CommuneCastTesting
import Foundation
import Logging
import StreamInput
import Testing

/// Two Icecast servers as master and relay (issue 18, Benchmarks): our live source sends tone bursts to the master,
/// a second Icecast relays the mount, and two readers pulled in the same loop, one on each server, find the bursts;
/// the difference of their delays is what the relay hop adds.
@Suite("Live: the delay an Icecast relay hop adds")
struct RelayHopLatencyTests {
    @Test("a relay server's copy of the mount arrives at most 0.3 s (p50) after the master's")
    func relayHop() throws {
        let input = BurstInput(interval: 1.5)
        let rig = try LiveRig(input: input)
        defer { rig.stop() }
        let directory = try TemporaryDirectory(prefix: "icecast-relay")
        defer { directory.remove() }
        let relay = try IcecastServer(directory: directory, relaying: rig.server)
        defer { relay.stop() }
        #expect(Poll.until(timeout: 60) { relay.hasSource("/live.opus") }, "\(relay.log(tail: 20))")
        let readers = [rig.server.url("/live.opus"), relay.url("/live.opus")].map { url in
            StreamReader(configuration: StreamConfiguration(urls: [url]), logger: Logger(label: "test.hop"),
                         onEvent: { _ in })
        }
        readers.forEach { $0.start() }
        defer { readers.forEach { $0.stop() } }
        var pacer = WallClockPacer(sampleRate: 48_000, leadSeconds: 0)
        var period = [Float](repeating: 0, count: 960)
        var heard: [[Double]] = [[], []]
        var loud = [false, false]
        let end = EventLog.now() + 60
        while heard.map(\.count).min() ?? 0 < 20, EventLog.now() < end {
            for (index, reader) in readers.enumerated() {
                period.withUnsafeMutableBufferPointer { _ = reader.pull(into: $0) }
                let peak = period.map(abs).max() ?? 0
                if peak > 0.05, !loud[index] { heard[index].append(EventLog.now()) }
                loud[index] = peak > 0.01
            }
            pacer.didWrite(frames: 960)
        }
        let sent = input.sent
        let delays = heard.map { arrivals in
            arrivals.compactMap { arrival in sent.last { $0 < arrival }.map { arrival - $0 } }.sorted()
        }
        try #require(delays.allSatisfy { $0.count >= 15 }, "bursts heard: \(heard.map(\.count)), sent \(sent.count)")
        let p50 = delays.map { $0[$0.count / 2] }
        let p95 = delays.map { $0[min($0.count - 1, Int(Double($0.count) * 0.95))] }
        print(String(format: "master p50 %.3f s p95 %.3f s; relay p50 %.3f s p95 %.3f s; the hop adds %.3f s (p50)",
                     p50[0], p95[0], p50[1], p95[1], p50[1] - p50[0]))
        #expect(p50[1] - p50[0] <= 0.3)
    }
}
