import AudioOutput
import CommuneCastTesting
import Foundation
import Logging
import Playout
import StreamInput
import Testing

/// A stream as a source of the playout engine (issue 18, stage 2): a real Icecast fed by our live source, the engine
/// writing through real ALSA (the paced file plugin). The relay is heard for its duration, an emergency cuts it at
/// once and it resumes for the time left, a lost stream goes to the fallback within 3 s, and bad input is a stream
/// note and a fallback, never a hung engine.
@Suite("Playout: a stream as an item's source", .serialized)
struct StreamPlayoutTests {
    static let relayHz = 440.0
    static let fallbackHz = 1_000.0
    static let alertHz = 1_500.0

    /// An engine writing raw mono 16-bit to `capture` at the pace of a sound card.
    private func engine(capture: String, events: EngineEvents) -> PlayoutEngine {
        let name = "file:FILE=\(capture),FORMAT=raw"
        let configuration = PlayoutConfiguration(
            deviceName: name, attentionToneSeconds: 0.5,
            amplifier: AmplifierTiming(warmupMilliseconds: 0, holdoffSeconds: 0.3)
        )
        return PlayoutEngine(
            configuration: configuration, amplifier: RecordingAmplifier(), logger: Logger(label: "test.engine"),
            makeSink: { try ALSASink(configuration: PCMConfiguration(device: name), pacing: .always) },
            onEvent: events.sink
        )
    }

    private func relay(_ id: String, urls: [String], seconds: Double, fallback: StreamFallback = .silence)
        -> PlayoutItem {
        PlayoutItem(
            source: .play(id: id), level: .normal, mediaPath: nil, onPreempt: .resume,
            stream: StreamConfiguration(urls: urls, fallback: fallback, retryInitial: 0.2, retryMax: 1),
            durationSeconds: seconds
        )
    }

    /// `from`..<`to` seconds of the capture.
    private func slice(_ samples: [Float], from: Double, to: Double) -> [Float] {
        let start = min(samples.count, Int(from * 48_000))
        return Array(samples[start..<min(samples.count, Int(to * 48_000))])
    }

    private func isURL(_ source: StreamSource) -> Bool {
        if case .url = source { true } else { false }
    }

    private func isFallback(_ source: StreamSource) -> Bool {
        if case .fallback = source { true } else { false }
    }

    @Test("a relay plays the live mount through the engine for its duration, health showing its buffer")
    func relayPlaysForItsDuration() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let directory = try TemporaryDirectory(prefix: "stream-playout")
        defer { directory.remove() }
        let capture = directory.file("air.raw")
        let events = EngineEvents()
        let engine = engine(capture: capture, events: events)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(relay("relay", urls: [rig.server.url("/live.opus")], seconds: 4))

        #expect(events.waitForSwitch(to: isURL)?.cause == .started)
        let playing = Poll.until(timeout: 30) {
            guard let stream = engine.snapshot().nowPlaying?.stream else { return false }
            return stream.state == .playing && stream.bufferSeconds > 0
        }
        #expect(playing, "health never showed the stream playing with a buffer")
        let aired = try #require(events.wait(for: .aired, source: "play:relay", timeout: 90))
        #expect(abs((aired.event.positionSeconds ?? 0) - 4) < 0.05)
        #expect(events.summary == ["started:play:relay", "aired:play:relay"])
        #expect(engine.snapshot().nowPlaying == nil)

        let heard = try Signals.readRawS16(path: capture)
        #expect(heard.count >= 4 * 48_000 - 960)
        let tail = slice(heard, from: 2.5, to: 3.5)
        #expect(Signals.power(at: Self.relayHz, in: tail, sampleRate: 48_000)
                > 100 * Signals.power(at: Self.fallbackHz, in: tail, sampleRate: 48_000))
    }

    @Test("an emergency cuts a relay at once, and the relay resumes live from the cut for the time left")
    func emergencyPreemptsRelay() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let directory = try TemporaryDirectory(prefix: "stream-playout")
        defer { directory.remove() }
        let alert = try MediaFixtures.sine(frequency: Self.alertHz, seconds: 1, at: directory.file("alert.opus"))
        let events = EngineEvents()
        let engine = engine(capture: directory.file("air.raw"), events: events)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(relay("relay", urls: [rig.server.url("/live.opus")], seconds: 6))
        let reached = Poll.until(timeout: 60) { (engine.snapshot().nowPlaying?.positionSeconds ?? 0) >= 1.5 }
        try #require(reached, "the relay never played 1.5 s")

        let queuedAt = EventLog.now()
        engine.enqueue(PlayoutItem(source: .alert(id: "a"), level: .emergency, mediaPath: alert, status: .actual,
                                   attentionTone: true))
        let preempted = try #require(events.wait(for: .preempted, source: "play:relay"))
        #expect(preempted.at - queuedAt < 0.5, "the relay gave way \(preempted.at - queuedAt) s after the alert")
        #expect(preempted.event.outcome == .preempted)
        _ = try #require(events.wait(for: .aired, source: "play:relay", timeout: 90))

        #expect(events.summary == ["started:play:relay", "preempted:play:relay", "started:alert:a", "aired:alert:a",
                                   "resumed:play:relay", "aired:play:relay"])
        let resumed = try #require(events.all.first { $0.event.kind == .resumed }?.event)
        let aired = try #require(events.all.last { $0.event.kind == .aired }?.event)
        #expect(abs((resumed.positionSeconds ?? 0) - (preempted.event.positionSeconds ?? 9)) < 0.05)
        #expect(abs((aired.positionSeconds ?? 0) - 6) < 0.05)
        let starts = events.streamEvents.filter { entry in
            if case .switched(_, _, .started) = entry.event.kind { true } else { false }
        }
        #expect(starts.count == 2, "a resumed relay reads the stream anew")
    }

    @Test("a stream closed on air goes to the fallback within 3 s, and the relay still ends on time")
    func closedStreamFallsBack() throws {
        let relayed = try ProxiedLiveRig(seconds: 120)
        defer { relayed.stop() }
        let directory = try TemporaryDirectory(prefix: "stream-playout")
        defer { directory.remove() }
        let fallback = try MediaFixtures.sine(frequency: Self.fallbackHz, seconds: 2,
                                              at: directory.file("fallback.opus"))
        let capture = directory.file("air.raw")
        let events = EngineEvents()
        let engine = engine(capture: capture, events: events)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(relay("relay", urls: [relayed.url], seconds: 12,
                             fallback: .media(path: fallback)))
        let reached = Poll.until(timeout: 60) { (engine.snapshot().nowPlaying?.positionSeconds ?? 0) >= 2 }
        try #require(reached, "the relay never played 2 s")
        #expect(events.waitForSwitch(to: isURL)?.cause == .started)

        let closedAt = EventLog.now()
        relayed.proxy.set(.closed)
        let switched = try #require(events.waitForSwitch(to: isFallback))
        #expect(switched.at - closedAt <= 3.0, "fallback \(switched.at - closedAt) s after the close")
        #expect(switched.cause == .deadline)
        #expect(Poll.until(timeout: 10) { engine.snapshot().nowPlaying?.stream?.state == .fallback })
        let aired = try #require(events.wait(for: .aired, source: "play:relay", timeout: 90))
        #expect(aired.event.outcome == .aired)
        #expect(abs((aired.event.positionSeconds ?? 0) - 12) < 0.05)
        #expect(events.streamEvents.contains { entry in
            if case .failed = entry.event.kind { true } else { false }
        })

        let heard = try Signals.readRawS16(path: capture)
        let early = slice(heard, from: 1.0, to: 2.0)
        let late = slice(heard, from: 10.0, to: 11.0)
        #expect(Signals.power(at: Self.relayHz, in: early, sampleRate: 48_000)
                > 100 * Signals.power(at: Self.fallbackHz, in: early, sampleRate: 48_000))
        #expect(Signals.power(at: Self.fallbackHz, in: late, sampleRate: 48_000)
                > 100 * Signals.power(at: Self.relayHz, in: late, sampleRate: 48_000))
    }

    @Test("a stopped relay ends with a fade and its reader stops: no stream event after, the engine plays on")
    func stoppedRelayEnds() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let directory = try TemporaryDirectory(prefix: "stream-playout")
        defer { directory.remove() }
        let after = try MediaFixtures.sine(frequency: Self.alertHz, seconds: 1, at: directory.file("after.opus"))
        let events = EngineEvents()
        let engine = engine(capture: directory.file("air.raw"), events: events)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(relay("relay", urls: [rig.server.url("/live.opus")], seconds: 600))
        let reached = Poll.until(timeout: 60) { engine.snapshot().nowPlaying?.stream?.state == .playing }
        try #require(reached, "the relay never played")
        let stopped = engine.stop(reason: "stopped by test") { $0.source == .play(id: "relay") }
        #expect(stopped.map(\.source) == [.play(id: "relay")])
        let ended = try #require(events.wait(for: .skipped, source: "play:relay"))
        #expect(ended.event.outcome == .cancelled)
        #expect(engine.snapshot().nowPlaying == nil)
        engine.enqueue(PlayoutItem(source: .play(id: "after"), level: .normal, mediaPath: after))
        #expect(events.wait(for: .aired, source: "play:after") != nil, "the engine did not play on after the relay")
        #expect(!events.streamEvents.contains { $0.at > ended.at }, "the reader went on after the relay ended")
    }

    @Test("a mount with no source (404) is a stream note and the fallback, and the item ends on time")
    func missingMountFallsBack() throws {
        let directory = try TemporaryDirectory(prefix: "stream-playout")
        defer { directory.remove() }
        let server = try IcecastServer(directory: directory)
        defer { server.stop() }
        let events = EngineEvents()
        let engine = engine(capture: directory.file("air.raw"), events: events)
        engine.start()
        defer { engine.shutdown() }
        let queuedAt = EventLog.now()
        engine.enqueue(relay("missing", urls: [server.url("/nothing.opus")], seconds: 5))
        let switched = try #require(events.waitForSwitch(to: isFallback))
        #expect(switched.at - queuedAt <= 3.5, "fallback \(switched.at - queuedAt) s after queueing")
        let aired = try #require(events.wait(for: .aired, source: "play:missing", timeout: 90))
        #expect(abs((aired.event.positionSeconds ?? 0) - 5) < 0.05)
        let codes = events.streamEvents.compactMap { entry -> String? in
            if case let .failed(_, failure) = entry.event.kind { return failure.code }
            return nil
        }
        #expect(codes.first == "http_404", "stream failures: \(codes)")
        #expect(events.summary == ["started:play:missing", "aired:play:missing"])
    }
}
