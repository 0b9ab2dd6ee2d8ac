import AudioOutput
import BroadcastModel
import CommuneCastTesting
import Foundation
import Logging
import Playout
import Synchronization
import Testing

/// Collects engine events from the audio thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [PlayoutEvent] = []

    func append(_ event: PlayoutEvent) { lock.withLock { events.append(event) } }

    var all: [PlayoutEvent] { lock.withLock { events } }

    /// "kind:source" for item events, in order.
    var summary: [String] {
        all.compactMap { event in event.item.map { "\(event.kind.rawValue):\($0.source)" } }
    }

    /// Waits until `predicate` holds or `timeout` passes (generous: the suite runs beside compilers on two cores).
    func wait(timeout: Double = 60, until predicate: ([PlayoutEvent]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(all) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return predicate(all)
    }
}

@Suite("Playout engine through real ALSA (paced file plugin)", .serialized)
struct PlayoutEngineTests {
    static let normalHz = 440.0
    static let emergencyHz = 1_500.0
    static let priorityHz = 2_500.0
    static let toneHz = 853.0

    /// An engine writing raw mono 16-bit to `capture`, paced to real time like a sound card.
    static func engine(capture: String, events: EventLog, amplifier: RecordingAmplifier = RecordingAmplifier(),
                       retry: Double = 5, device: String? = nil, probe: AudioThreadProbe = AudioThreadProbe(),
                       clock: any BroadcastModel.Clock = SystemClock())
        -> PlayoutEngine {
        let name = device ?? "file:FILE=\(capture),FORMAT=raw"
        let configuration = PlayoutConfiguration(
            deviceName: name, emergencyVolumeDB: 0, attentionToneSeconds: 0.5, deviceRetrySeconds: retry,
            amplifier: AmplifierTiming(warmupMilliseconds: 0, holdoffSeconds: 0.3)
        )
        return PlayoutEngine(
            configuration: configuration, amplifier: amplifier, logger: Logger(label: "test"), clock: clock,
            makeSink: probe.counting { try ALSASink(configuration: PCMConfiguration(device: name), pacing: .always) },
            onEvent: { events.append($0) }
        )
    }

    @Test("an emergency cuts in over normal after the attention tone, and normal then resumes where it stopped")
    func emergencyPreemptsAndNormalResumes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let normal = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 2, at: directory.file("normal.opus"))
        let alert = try MediaFixtures.sine(frequency: Self.emergencyHz, seconds: 1, at: directory.file("alert.opus"))
        let capture = directory.file("air.raw")
        let events = EventLog()
        let engine = Self.engine(capture: capture, events: events)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "n"), level: .normal, mediaPath: normal, onPreempt: .resume))
        #expect(events.wait { $0.contains { $0.kind == .started } })
        #expect(events.wait { _ in (engine.snapshot().nowPlaying?.positionSeconds ?? 0) >= 0.8 })
        engine.enqueue(PlayoutItem(source: .alert(id: "a"), level: .emergency, mediaPath: alert, status: .actual,
                                   attentionTone: true))
        #expect(events.wait { $0.filter { $0.kind == .aired }.count == 2 })
        engine.shutdown()

        #expect(events.summary == ["started:play:n", "preempted:play:n", "started:alert:a", "aired:alert:a",
                                   "resumed:play:n", "aired:play:n"])
        let preempted = events.all.first { $0.kind == .preempted }!
        let resumed = events.all.first { $0.kind == .resumed }!
        #expect((preempted.positionSeconds ?? 0) > 0.4 && (preempted.positionSeconds ?? 9) < 1.0)
        #expect(abs((resumed.positionSeconds ?? 0) - ((preempted.positionSeconds ?? 0) - 0.5)) < 0.05)

        let captured = try Signals.readRawS16(path: capture)
        let order = MediaFixtures.runs(MediaFixtures.dominantFrequencies(
            in: captured, candidates: [Self.normalHz, Self.toneHz, Self.emergencyHz]
        ).filter { $0 != 0 })
        #expect(order == [Self.normalHz, Self.toneHz, Self.emergencyHz, Self.normalHz])
        // The emergency aired whole: 0.5 s tone + 1 s media, and normal aired its 2 s plus the 0.5 s rewind.
        let seconds = Double(captured.count) / 48_000
        #expect(seconds > 1.5 + 2 + 0.3 && seconds < 1.5 + 2 + 0.5 + 0.5)
    }

    @Test("while an item plays, the audio thread wakes once per three periods, not once per period")
    func audioThreadWakesPerRefill() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let normal = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 4, at: directory.file("normal.opus"))
        let events = EventLog()
        let probe = AudioThreadProbe()
        let engine = Self.engine(capture: directory.file("air.raw"), events: events, probe: probe)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(PlayoutItem(source: .play(id: "n"), level: .normal, mediaPath: normal))
        let position = { engine.snapshot().nowPlaying?.positionSeconds ?? 0 }
        #expect(events.wait { _ in position() >= 0.8 })
        let (fromPosition, fromWakeUps) = (position(), probe.wakeUps())
        #expect(events.wait { _ in position() >= 3.0 })
        let (toPosition, toWakeUps) = (position(), probe.wakeUps())
        let perSecond = Double((toWakeUps ?? 0) - (fromWakeUps ?? 0)) / (toPosition - fromPosition)
        // 50 a second when every 20 ms period wakes it; about 17 when it writes three at each wake-up. A thread
        // delayed by a loaded machine wakes less often, never more.
        #expect(fromWakeUps != nil && perSecond < 30, "\(perSecond) wake-ups per second of audio")
        // `top -H` and perf show the thread by its name.
        #expect(probe.threadName() == "cc-playout")
        #expect(events.wait { $0.contains { $0.kind == .aired } })
    }

    @Test("priority waits for the current normal item to end instead of cutting in")
    func priorityWaits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Long enough to be on air still when the test, however slowly it runs, queues the next two.
        let normal = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 3, at: directory.file("n.opus"))
        let bulletin = try MediaFixtures.sine(frequency: Self.priorityHz, seconds: 0.5, at: directory.file("p.opus"))
        let later = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 0.5, at: directory.file("n2.opus"))
        let events = EventLog()
        let engine = Self.engine(capture: directory.file("air.raw"), events: events)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "first"), level: .normal, mediaPath: normal))
        #expect(events.wait { $0.contains { $0.kind == .started } })
        engine.enqueue(PlayoutItem(source: .play(id: "second"), level: .normal, mediaPath: later))
        engine.enqueue(PlayoutItem(source: .play(id: "bulletin"), level: .priority, mediaPath: bulletin))
        #expect(events.wait { $0.filter { $0.kind == .aired }.count == 3 })
        engine.shutdown()
        #expect(events.summary == ["started:play:first", "aired:play:first", "started:play:bulletin",
                                   "aired:play:bulletin", "started:play:second", "aired:play:second"])
    }

    @Test("an item whose expiry has passed is skipped, and one that expires while playing is cut off")
    func expiry() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The short alert expires 1.5 s after it is queued, well after it can start on a loaded machine and well
        // before its 4 s end.
        let media = try MediaFixtures.sine(frequency: Self.emergencyHz, seconds: 4, at: directory.file("a.opus"))
        let events = EventLog()
        let engine = Self.engine(capture: directory.file("air.raw"), events: events)
        engine.start()
        engine.enqueue(PlayoutItem(source: .alert(id: "old"), level: .emergency, mediaPath: media,
                                   notAfter: Date().addingTimeInterval(-1)))
        engine.enqueue(PlayoutItem(source: .alert(id: "short"), level: .emergency, mediaPath: media,
                                   notAfter: Date().addingTimeInterval(1.5)))
        #expect(events.wait { $0.filter { $0.kind == .skipped }.count == 2 })
        engine.shutdown()
        #expect(events.summary == ["skipped:alert:old", "started:alert:short", "skipped:alert:short"])
        let cut = events.all.last { $0.kind == .skipped }!
        #expect(cut.reason == "expired while playing")
        #expect(events.all.filter { $0.kind == .skipped }.map(\.outcome) == [.expired, .expired])
        #expect(events.all.compactMap(\.cause) == [.expiredBeforeStart, .expiredWhilePlaying])
        #expect((cut.positionSeconds ?? 9) < 2.0)
    }

    @Test("expiry, max_late and the times of events come from the injected clock, and each end carries its cause")
    func injectedClock() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 0.3, at: directory.file("n.opus"))
        // The engine's clock is a day ahead of the machine's: what is due in an hour by the machine is long past.
        let real = Date()
        let clock = ManualClock(real.addingTimeInterval(86_400))
        let events = EventLog()
        let engine = Self.engine(capture: directory.file("air.raw"), events: events, clock: clock)
        engine.start()
        engine.enqueue(PlayoutItem(source: .alert(id: "stale"), level: .emergency, mediaPath: media,
                                   notAfter: real.addingTimeInterval(3_600)))
        engine.enqueue(PlayoutItem(source: .schedule(programme: "late"), level: .normal, mediaPath: media,
                                   plannedAt: real, startBy: real.addingTimeInterval(3_600)))
        engine.enqueue(PlayoutItem(source: .play(id: "now"), level: .normal, mediaPath: media,
                                   notAfter: clock.now().addingTimeInterval(3_600)))
        #expect(events.wait { $0.contains { $0.kind == .aired } })
        engine.shutdown()
        #expect(events.summary == ["skipped:alert:stale", "skipped:schedule:late", "started:play:now",
                                   "aired:play:now"])
        #expect(events.all.compactMap(\.cause) == [.expiredBeforeStart, .missed(lateSeconds: 86_400)])
        #expect(events.all[1].reason == "missed: could not start within max_late (86400 s after its time)")
        // Every item event is stamped on the engine's clock, within the run's few seconds of it.
        for event in events.all where event.item != nil {
            #expect(abs(event.at.timeIntervalSince(clock.now())) < 60, "\(event.kind) at \(event.at)")
        }
    }

    @Test("a stopped item ends early, and a dropped one does not come back after an emergency")
    func stopAndDrop() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let long = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 3, at: directory.file("l.opus"))
        let alert = try MediaFixtures.sine(frequency: Self.emergencyHz, seconds: 0.3, at: directory.file("a.opus"))
        let events = EventLog()
        let amplifier = RecordingAmplifier()
        let engine = Self.engine(capture: directory.file("air.raw"), events: events, amplifier: amplifier)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "drop"), level: .normal, mediaPath: long, onPreempt: .drop))
        #expect(events.wait { $0.contains { $0.kind == .started } })
        engine.enqueue(PlayoutItem(source: .alert(id: "x"), level: .emergency, mediaPath: alert))
        #expect(events.wait { $0.contains { $0.kind == .aired } })
        engine.enqueue(PlayoutItem(source: .play(id: "stop"), level: .normal, mediaPath: long))
        #expect(events.wait { $0.filter { $0.kind == .started }.count == 3 })
        let stopped = engine.stop { $0.source == .play(id: "stop") }
        #expect(stopped.map(\.source) == [.play(id: "stop")])
        #expect(events.wait { $0.contains { $0.kind == .skipped } })
        #expect(events.wait { _ in !amplifier.isOn })
        engine.shutdown()
        #expect(events.summary == ["started:play:drop", "preempted:play:drop", "started:alert:x", "aired:alert:x",
                                   "started:play:stop", "skipped:play:stop"])
        #expect(events.all.compactMap(\.outcome) == [.preempted, .aired, .cancelled])
        #expect(events.all.compactMap(\.cause) == [.preempted(.drop), .stopped("stopped by operator")])
        let preempted = events.all.first { $0.kind == .preempted }
        #expect(preempted?.reason == "preempted by an emergency; dropped by its policy")
        #expect(amplifier.switches.first == true)
        #expect(amplifier.switches.last == false)
    }

    @Test("a device that cannot be opened is degraded with ALSA's error, retried, and recovers by itself")
    func deviceRecovers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 0.3, at: directory.file("n.opus"))
        let missing = directory.file("not-yet")
        let capture = "\(missing)/air.raw"
        let events = EventLog()
        let engine = Self.engine(capture: capture, events: events, retry: 0.3)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "wait"), level: .normal, mediaPath: media))
        #expect(events.wait { $0.contains { $0.kind == .deviceState && $0.device?.state == .degraded } })
        let degraded = events.all.first { $0.device?.state == .degraded }!.device!
        #expect(degraded.lastError?.contains(missing) == true, "\(degraded.lastError ?? "")")
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: true)
        #expect(events.wait { $0.contains { $0.kind == .aired } })
        #expect(engine.snapshot().device.state == .ok)
        engine.shutdown()
        #expect(try Signals.readRawS16(path: capture).count == 14_400)
    }

    @Test("a device that does not exist stays degraded with ALSA's error and the retry loop does not spin")
    func missingDeviceDoesNotSpin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 0.3, at: directory.file("n.opus"))
        let events = EventLog()
        let probe = AudioThreadProbe()
        let engine = Self.engine(capture: "", events: events, retry: 0.1, device: "hw:9,0", probe: probe)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "never"), level: .normal, mediaPath: media))
        #expect(events.wait { $0.contains { $0.kind == .deviceState } })
        // Ten retries at 0.1 s: at least 0.9 s, and little CPU on the audio thread.
        let first = probe.attempts - 1
        let before = probe.cpuSeconds()
        #expect(events.wait { _ in probe.attempts > first + 10 })
        let used = probe.cpuSeconds() - before
        let took = probe.attemptTime(first + 10) - probe.attemptTime(first)
        let status = engine.snapshot().device
        engine.shutdown()
        #expect(status.state == .degraded)
        #expect(status.lastError?.contains("cannot open audio device 'hw:9,0'") == true)
        #expect(took >= 0.9, "ten retries took \(took) s with a 0.1 s retry interval")
        #expect(used < 0.3, "ten retries used \(used) s of the audio thread's CPU")
        #expect(!events.summary.contains { $0.hasPrefix("started") })
    }

    @Test("a device that opens but fails soon after is retried at the retry interval, not in a loop")
    func failingSoonAfterOpenDoesNotSpin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sine(frequency: Self.normalHz, seconds: 2, at: directory.file("n.opus"))
        // The file plugin opens fine with a missing directory and fails once it flushes its buffer.
        let events = EventLog()
        let probe = AudioThreadProbe()
        let engine = Self.engine(capture: directory.file("missing/air.raw"), events: events, retry: 0.4, probe: probe)
        engine.start()
        engine.enqueue(PlayoutItem(source: .play(id: "x"), level: .normal, mediaPath: media))
        #expect(events.wait { $0.contains { $0.kind == .deviceState && $0.device?.state == .degraded } })
        // Four more attempts, each failing: 0.4 s apart at least, and little CPU on the audio thread.
        let first = probe.attempts - 1
        let before = probe.cpuSeconds()
        #expect(events.wait { _ in probe.attempts > first + 4 })
        let used = probe.cpuSeconds() - before
        let took = probe.attemptTime(first + 4) - probe.attemptTime(first)
        // Each attempt opens the device (ok) before its flush fails (degraded): wait out the open of the last one.
        let degraded = Poll.until { engine.snapshot().device.state == .degraded }
        let status = engine.snapshot().device
        engine.shutdown()
        #expect(degraded, "the device stayed \(status.state) after the failing attempts")
        #expect(status.lastError?.contains("Input/output error") == true, "\(status.lastError ?? "")")
        #expect(took >= 4 * 0.4 * 0.95, "four retries took \(took) s with a 0.4 s retry interval")
        #expect(used < 0.5, "four retries used \(used) s of the audio thread's CPU")
    }
}
