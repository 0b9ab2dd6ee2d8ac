import AudioOutput
import CommuneCastTesting
import Foundation
import Logging
import StreamInput
import Testing

/// `StreamReader` against a real Icecast fed by our live source: it plays the mount, moves to the next URL or the
/// fallback within 3 s when the stream stalls or closes (a fault proxy in between), comes back after its hysteresis,
/// and reports each bad input as a typed failure.
@Suite("StreamInput: reading, failover and fallback", .serialized)
struct StreamReaderTests {
    private func reader(_ urls: [String], events: EventLog, returnAfter: Double = 2) -> StreamReader {
        StreamReader(
            configuration: StreamConfiguration(urls: urls, returnAfter: returnAfter, retryInitial: 0.2, retryMax: 1),
            logger: Logger(label: "test.stream"), onEvent: events.sink
        )
    }

    /// Pulls `seconds` of audio at the pace an audio thread would (20 ms periods held to the wall clock).
    private func listen(_ reader: StreamReader, seconds: Double) -> [Float] {
        var pacer = WallClockPacer(sampleRate: 48_000, leadSeconds: 0)
        var heard: [Float] = []
        var period = [Float](repeating: 0, count: 960)
        for _ in 0..<Int(seconds * 50) {
            period.withUnsafeMutableBufferPointer { _ = reader.pull(into: $0) }
            heard += period
            pacer.didWrite(frames: 960)
        }
        return heard
    }

    @Test("the reader plays the live mount: 440 Hz, the level tag, a buffer near its target")
    func playsTheMount() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let events = EventLog()
        let reader = reader([rig.server.url("/live.opus")], events: events)
        reader.start()
        defer { reader.stop() }
        let started = events.waitForSwitch(to: { if case .url(0, _) = $0 { true } else { false } })
        #expect(started?.cause == .started)
        let heard = listen(reader, seconds: 2)
        let tail = Array(heard.suffix(48_000))
        #expect(Signals.power(at: 440, in: tail, sampleRate: 48_000)
                > 100 * Signals.power(at: 1_000, in: tail, sampleRate: 48_000))
        let status = reader.status
        #expect(status.state == .playing)
        #expect(status.comments.contains("COMMUNECAST_LEVEL=normal"))
        #expect(status.bufferSeconds > 0 && status.bufferSeconds <= 1.0)
    }

    @Test("a stall on the primary switches to the alternative within 3 s")
    func stallFailsOver() throws {
        let relayed = try ProxiedLiveRig(seconds: 120)
        defer { relayed.stop() }
        let events = EventLog()
        let reader = reader([relayed.url, relayed.rig.server.url("/live.opus")], events: events)
        reader.start()
        defer { reader.stop() }
        #expect(events.waitForSwitch(to: { if case .url(0, _) = $0 { true } else { false } }) != nil)
        let stalledAt = EventLog.now()
        relayed.proxy.set(.stall)
        let switched = events.waitForSwitch(to: { if case .url(1, _) = $0 { true } else { false } }, after: stalledAt)
        let elapsed = try #require(switched).at - stalledAt
        print("stall → alternative on air: \(elapsed) s")
        #expect(elapsed <= 3)
        #expect(events.failureCodes.contains("stalled"))
    }

    @Test("a closed stream with no alternative goes to the fallback within 3 s and returns after its hysteresis")
    func closeFallsBackAndRecovers() throws {
        let relayed = try ProxiedLiveRig(seconds: 120)
        defer { relayed.stop() }
        let events = EventLog()
        let reader = reader([relayed.url], events: events, returnAfter: 2)
        reader.start()
        defer { reader.stop() }
        #expect(events.waitForSwitch(to: { if case .url(0, _) = $0 { true } else { false } }) != nil)
        let closedAt = EventLog.now()
        relayed.proxy.set(.closed)
        let fallback = events.waitForSwitch(to: { if case .fallback = $0 { true } else { false } }, after: closedAt)
        let elapsed = try #require(fallback).at - closedAt
        print("close → fallback on air: \(elapsed) s")
        #expect(elapsed <= 3)
        #expect(reader.status.state == .fallback)
        let reopenedAt = EventLog.now()
        relayed.proxy.set(.pass)
        let back = events.waitForSwitch(to: { if case .url(0, _) = $0 { true } else { false } }, after: reopenedAt)
        let recovered = try #require(back)
        guard case let .recovered(seconds) = recovered.cause else {
            Issue.record("the return was not a recovery: \(recovered.cause)")
            return
        }
        #expect(seconds >= 2)
        #expect(recovered.at - reopenedAt >= 2)
    }

    @Test("bad inputs are typed failures and the fallback plays: 404, a web page, nothing listening, no answer")
    func badInputs() throws {
        let rig = try LiveRig(seconds: 60)
        defer { rig.stop() }
        let silent = try FaultProxy(upstreamPort: rig.server.port)
        defer { silent.stop() }
        silent.set(.stall)
        let unused = try LoopbackPort.free()
        let cases: [(String, String)] = [
            (rig.server.url("/no-such-mount.opus"), "http_404"),
            (rig.server.url("/status-json.xsl"), "not_a_stream"),
            ("http://127.0.0.1:\(unused)/live.opus", "unreachable"),
            ("http://127.0.0.1:\(silent.port)/live.opus", "timed_out"),
            ("ftp://127.0.0.1/live.opus", "bad_url"),
        ]
        for (url, code) in cases {
            let events = EventLog()
            let reader = reader([url], events: events)
            let begun = EventLog.now()
            reader.start()
            let fallback = events.waitForSwitch(to: { if case .fallback = $0 { true } else { false } })
            reader.stop()
            #expect(fallback != nil && fallback!.at - begun <= 3.5, "\(url)")
            #expect(events.failureCodes.first == code, "\(url): \(events.failureCodes)")
            if code == "unreachable" {
                // In words an operator reads, not NIO's "connection reset (error set): Connection refused)".
                let expected = "cannot connect to 127.0.0.1:\(unused): connection refused"
                #expect(events.failures.first.map { "\($0)" } == expected, "\(events.failures)")
            }
        }
    }
}
