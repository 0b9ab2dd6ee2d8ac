import AudioCodec
import AudioOutput
import BroadcastModel
import CommuneCastTesting
import Foundation
import Logging
import Playout
import Testing

/// DESIGN §3, "every splice is click-free", checked on what the real ALSA `file` plugin recorded: every sample of the
/// capture is accounted for (the announcement up to the cut, its fade, the attention signal, the emergency, the
/// resumed announcement fading in), no step is larger than the signals make, and nothing starts or stops hard.
@Suite("Click-free splices through real ALSA (paced file plugin)", .serialized)
struct SpliceTests {
    static let fadeFrames = 2_400
    static let fadeInFrames = 1_440
    static let toneSeconds = 0.5

    static func engine(sink: RewindRecordingSink, events: EventLog) -> PlayoutEngine {
        let configuration = PlayoutConfiguration(
            deviceName: "file", emergencyVolumeDB: 0, attentionToneSeconds: toneSeconds,
            fadeSeconds: Double(fadeFrames) / 48_000, fadeInSeconds: Double(fadeInFrames) / 48_000,
            amplifier: AmplifierTiming(warmupMilliseconds: 0, holdoffSeconds: 0.3)
        )
        return PlayoutEngine(
            configuration: configuration, amplifier: RecordingAmplifier(), logger: Logger(label: "test"),
            makeSink: { sink }, onEvent: { events.append($0) }
        )
    }

    /// Waits until the item on air has played `seconds`, polling every 20 ms for up to 30 s.
    static func waitForPosition(_ seconds: Double, of engine: PlayoutEngine) -> Bool {
        Poll.until(timeout: 30, every: 0.02) { (engine.snapshot().nowPlaying?.positionSeconds ?? 0) >= seconds }
    }

    /// The largest step the signals make by themselves, plus the device's rounding.
    static func stepBound(_ signals: [Float]...) -> Float {
        signals.map { Splices.largestStep(in: $0).step }.max()! + CaptureWalk.tolerance
    }

    static func checkSplices(_ captured: [Float], bound: Float, sourceLocation: SourceLocation = #_sourceLocation) {
        let step = Splices.largestStep(in: captured)
        #expect(step.step <= bound, "step of \(step.step) at frame \(step.index); the signals make \(bound)",
                sourceLocation: sourceLocation)
        let edges = Splices.edges(in: captured)
        #expect(!edges.isEmpty, sourceLocation: sourceLocation)
        for edge in edges {
            #expect(edge.steepness < 0.25, "hard \(edge)", sourceLocation: sourceLocation)
        }
    }

    @Test("a preemption fades out from what was heard, the attention signal follows, the resume fades in 0.5 s back",
          arguments: [true, false])
    func preemptionAndResume(deviceRewinds: Bool) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let normal = try MediaFixtures.sweep(from: 300, to: 700, seconds: 3, at: directory.file("normal.opus"))
        let alert = try MediaFixtures.sine(frequency: 1_500, seconds: 1, at: directory.file("alert.opus"),
                                           fadedEnds: true)
        let capture = directory.file("air.raw")
        let sink = try RewindRecordingSink(device: "file:FILE=\(capture),FORMAT=raw", canRewind: deviceRewinds)
        let events = EventLog()
        let engine = Self.engine(sink: sink, events: events)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "n"), level: .normal, mediaPath: normal, onPreempt: .resume))
        #expect(Self.waitForPosition(1.2, of: engine))
        engine.enqueue(PlayoutItem(source: .alert(id: "a"), level: .emergency, mediaPath: alert, status: .actual,
                                   attentionTone: true))
        #expect(events.wait(timeout: 30) { $0.filter { $0.kind == .aired }.count == 2 })
        engine.shutdown()

        #expect(events.summary == ["started:play:n", "preempted:play:n", "started:alert:a", "aired:alert:a",
                                   "resumed:play:n", "aired:play:n"])
        let preempted = try #require(events.all.first { $0.kind == .preempted }?.positionSeconds)
        let resumed = try #require(events.all.first { $0.kind == .resumed }?.positionSeconds)
        let cut = Int((preempted * 48_000).rounded())
        let resumedAt = Int((resumed * 48_000).rounded())
        #expect(resumedAt == cut - 24_000, "resumes exactly resumeRewindSeconds before the cut")
        if deviceRewinds {
            #expect(sink.rewinds.count == 1 && sink.rewinds[0] > 0, "rewinds: \(sink.rewinds)")
        } else {
            #expect(sink.rewinds == [0])
        }

        let captured = try Signals.readRawS16(path: capture)
        let decoded = try CaptureWalk.decode(normal)
        let again = try CaptureWalk.decode(normal, from: resumedAt)
        let emergency = try CaptureWalk.decode(alert)
        var walk = CaptureWalk(captured)
        walk.expect(decoded[0..<cut], "the announcement up to the cut")
        walk.expect(decoded[cut..<(cut + Self.fadeFrames)], "its fade-out", gain: CaptureWalk.fadeOut(Self.fadeFrames))
        let tone = ToneGenerator.render(.attention, seconds: Self.toneSeconds)
        let toneGain = walk.expectScaled(tone, "the attention signal, straight after the fade")
        walk.expect(emergency[...], "the emergency")
        walk.expect(again[...], "the resumed announcement", gain: CaptureWalk.fadeIn(Self.fadeInFrames))
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0, "\(walk.remaining) frames after the resumed announcement")
        Self.checkSplices(captured, bound: Self.stepBound(decoded, emergency, tone.map { $0 * toneGain }))
    }

    /// The cuts that end an item for good.
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case stop, expiry, shutdown
        var testDescription: String { rawValue }
    }

    @Test("a stop, an expiry and a shutdown fade out from what was heard last and leave nothing after the fade",
          arguments: Ending.allCases)
    func endingFadesOut(_ ending: Ending) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sweep(from: 300, to: 700, seconds: 3, at: directory.file("media.opus"))
        let capture = directory.file("air.raw")
        let sink = try RewindRecordingSink(device: "file:FILE=\(capture),FORMAT=raw", canRewind: true)
        let events = EventLog()
        let engine = Self.engine(sink: sink, events: events)
        engine.start()
        let level: BroadcastLevel = ending == .expiry ? .emergency : .normal
        engine.enqueue(PlayoutItem(source: .play(id: "x"), level: level, mediaPath: media,
                                   notAfter: ending == .expiry ? Date().addingTimeInterval(1.2) : nil))
        switch ending {
        case .stop:
            #expect(Self.waitForPosition(1.2, of: engine))
            #expect(engine.stop { $0.source == .play(id: "x") }.count == 1)
            #expect(events.wait(timeout: 30) { $0.contains { $0.kind == .skipped } })
            engine.shutdown()
        case .expiry:
            #expect(events.wait(timeout: 30) { $0.contains { $0.kind == .skipped } })
            engine.shutdown()
        case .shutdown:
            #expect(Self.waitForPosition(1.2, of: engine))
            engine.shutdown()
        }

        let end = try #require(events.all.last { $0.item != nil })
        let expected = ["stop": "stopped by operator", "expiry": "expired while playing",
                        "shutdown": "daemon shutting down"]
        #expect(end.reason == expected[ending.rawValue])
        let cut = Int((try #require(end.positionSeconds) * 48_000).rounded())
        #expect(cut > 0)
        #expect(sink.rewinds.count == 1 && sink.rewinds[0] > 0, "rewinds: \(sink.rewinds)")

        let captured = try Signals.readRawS16(path: capture)
        let decoded = try CaptureWalk.decode(media)
        var walk = CaptureWalk(captured)
        walk.expect(decoded[0..<cut], "the item up to the cut")
        walk.expect(decoded[cut..<(cut + Self.fadeFrames)], "its fade-out", gain: CaptureWalk.fadeOut(Self.fadeFrames))
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0, "\(walk.remaining) frames after the fade")
        Self.checkSplices(captured, bound: Self.stepBound(decoded))
    }
}
