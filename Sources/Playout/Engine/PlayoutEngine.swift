import AudioCodec
import AudioOutput
import BroadcastModel
import Foundation
import HostSystem
import Logging
import StreamInput
import Synchronization

/// The site's playout engine (DESIGN §4): one dedicated audio thread takes the highest-level waiting item and plays
/// it to the device. An emergency cuts in at once with a short fade and is preceded by the attention signal;
/// priority waits for the current item to end; normal plays when nothing higher waits. An interrupted item is resumed,
/// restarted or dropped by its own policy. Nothing plays after its `notAfter`. A missing or lost device makes the
/// engine report `degraded` and retry every few seconds while sleeping, never spinning.
///
/// Other threads talk to it only through the methods below, which change the shared state under one `Mutex` and wake
/// the audio thread; events are delivered through `onEvent` from the audio thread and must be handed off quickly (the
/// daemon yields them into an AsyncStream).
public final class PlayoutEngine: @unchecked Sendable {
    /// Opens the device. Called on the audio thread whenever the engine needs a device and has none.
    public typealias SinkFactory = @Sendable () throws -> AudioSink
    /// Receives every event; must not block or call back into the engine.
    public typealias EventHandler = @Sendable (PlayoutEvent) -> Void

    /// What interrupted an item, decided under the lock once per period.
    enum Interruption: Equatable {
        case preempted, expired, shutdown
        /// Stopped through ``stop(outcome:reason:where:)``; `reason` goes to the as-run log as it is.
        case stopped(outcome: AsRunOutcome, reason: String)
    }

    let configuration: PlayoutConfiguration
    let makeSink: SinkFactory
    let amplifier: Amplifier
    let onEvent: EventHandler
    let logger: Logger
    let attentionTone: [Float]
    /// The wall clock every date the engine decides on or reports comes from (expiry, `max_late`, as-run times).
    let clock: any Clock

    /// What the audio thread and the other threads share: the audio thread takes it once per period.
    struct Shared {
        var queue = PlayoutQueue()
        var nowPlaying: PlayoutSnapshot.NowPlaying?
        var device: DeviceStatus
        var volumeDB: Double
        var emergencyVolumeDB: Double
        var stopMatching: (matches: @Sendable (PlayoutItem) -> Bool, outcome: AsRunOutcome, reason: String)?
        var shuttingDown = false
        var heartbeat = ContinuousClock.now
        var started = false
        /// Keep the amplifier on until this instant, for an item due soon.
        var warmUntil: Date?
        /// The reader of the stream item on air, for health.
        var currentStream: StreamReader?
    }

    let shared: Mutex<Shared>
    /// Wakes the audio thread, idle or waiting for room in the device, when something changes (an item queued, a
    /// stop, a warm-up, shutdown).
    let wakeUp = WakeSignal()

    // Audio thread only.
    /// The open device, behind the writer that makes its splices click-free.
    var output: SpliceWriter?
    /// One period of decoded audio, reused for every read.
    var periodBuffer = [Float](repeating: 0, count: PlayoutEngine.periodFrames)
    var deviceKnownGood = false
    /// When the device was last opened (monotonic seconds).
    var deviceOpenedAt = 0.0
    /// A device that fails soon after opening is not reopened before this monotonic instant, so it is retried every
    /// `deviceRetrySeconds` rather than in a loop (ALSA's file plugin opens a missing directory fine and fails
    /// once its buffer is flushed; a card may vanish between open and write).
    var reopenNotBefore = 0.0
    var lastAudio = WallClockPacer.monotonicNow()
    /// When the last item to end was heard, as stamped on its event (``heardTimeAfterLastEnd()``).
    var lastHeardEnd = Date.distantPast
    /// After a failed switch, the idle loop leaves the amplifier alone until this monotonic instant, so a relay that
    /// cannot be switched is retried every `deviceRetrySeconds` rather than in a tight loop.
    var amplifierRetryAt = 0.0
    private let finished = DispatchSemaphore(value: 0)

    /// Creates an engine; nothing plays until `start()`.
    public init(
        configuration: PlayoutConfiguration, amplifier: Amplifier, logger: Logger, clock: any Clock = SystemClock(),
        makeSink: @escaping SinkFactory, onEvent: @escaping EventHandler
    ) {
        self.configuration = configuration
        self.clock = clock
        self.amplifier = amplifier
        self.logger = logger
        self.makeSink = makeSink
        self.onEvent = onEvent
        shared = Mutex(Shared(
            device: DeviceStatus(state: .closed, name: configuration.deviceName), volumeDB: configuration.volumeDB,
            emergencyVolumeDB: configuration.emergencyVolumeDB
        ))
        attentionTone = Self.renderAttentionTone(seconds: configuration.attentionToneSeconds)
    }

    /// Starts the audio thread.
    public func start() {
        let first = shared.withLock { shared in
            defer { shared.started = true }
            return !shared.started
        }
        guard first else { return }
        NamedThread.start("cc-playout", qualityOfService: .userInteractive) { [self] in
            run()
            finished.signal()
        }
    }

    /// Queues an item; an emergency interrupts what is playing at once (the audio thread is woken from its wait
    /// for the device, or sees it after the period it is writing).
    public func enqueue(_ item: PlayoutItem) {
        shared.withLock { $0.queue.append(item) }
        wakeUp.wake()
    }

    /// Removes matching items from the queue and stops the one on air if it matches; returns what was removed or
    /// stopped (the one on air last). `outcome` is how the as-run log and `Monitor` record the item cut off
    /// (`cancelled` for an operator's stop or a cancelled alert), `reason` what they say about it in words, such as
    /// "stopped by operator" or "alert cancelled by …".
    @discardableResult
    public func stop(
        outcome: AsRunOutcome = .cancelled, reason: String = "stopped by operator",
        where predicate: @escaping @Sendable (PlayoutItem) -> Bool
    ) -> [PlayoutItem] {
        defer { wakeUp.wake() }
        return shared.withLock { shared in
            var removed = shared.queue.removeAll(where: predicate)
            if let current = shared.nowPlaying?.item, predicate(current) {
                shared.stopMatching = (predicate, outcome, reason)
                removed.append(current)
            }
            return removed
        }
    }

    /// Switches the amplifier on now and keeps it on until `until`, so an item due at a known instant (a scheduled
    /// programme) finds it warmed up and starts on time rather than after the warm-up delay.
    public func warmUp(until: Date) {
        shared.withLock { $0.warmUntil = max($0.warmUntil ?? until, until) }
        wakeUp.wake()
    }

    /// Sets the normal volume; emergency items keep the profile's emergency volume.
    public func setVolume(_ decibels: Double) {
        shared.withLock { $0.volumeDB = decibels }
    }

    /// Sets the volume emergency items play at (a hardware profile reload); an item on air takes it from its next
    /// period.
    public func setEmergencyVolume(_ decibels: Double) {
        shared.withLock { $0.emergencyVolumeDB = decibels }
    }

    /// The engine's state now.
    public func snapshot() -> PlayoutSnapshot {
        let amplifierOn = amplifier.isOn
        let amplifierFault = amplifier.fault
        return shared.withLock { shared in
            var playing = shared.nowPlaying
            playing?.stream = shared.currentStream?.status
            return PlayoutSnapshot(
                nowPlaying: playing, queue: shared.queue.items, device: shared.device,
                volumeDB: shared.volumeDB, emergencyVolumeDB: shared.emergencyVolumeDB, amplifierOn: amplifierOn,
                amplifierFault: amplifierFault
            )
        }
    }

    /// When the audio thread last went round its loop; the watchdog pings only while this is recent.
    public var lastHeartbeat: ContinuousClock.Instant {
        shared.withLock { $0.heartbeat }
    }

    /// Fades out what is playing, closes the device, switches the amplifier off and ends the thread. Blocks until
    /// done; call it from a thread that may block.
    public func shutdown() {
        let wasStarted = shared.withLock { shared in
            shared.shuttingDown = true
            return shared.started
        }
        wakeUp.wake()
        if wasStarted { finished.wait() }
    }

    // MARK: - The audio thread

    private func run() {
        logger.info("playout engine started", metadata: ["device": "\(configuration.deviceName)"])
        while let item = nextItem() {
            guard let output = openDeviceIfNeeded() else {
                requeueWhileDeviceMissing(item)
                continue
            }
            play(item, to: output)
        }
        output?.sink.drain()
        output?.sink.close()
        output = nil
        switchAmplifier(on: false)
        logger.info("playout engine stopped")
    }

    /// Blocks until an item is due or the engine shuts down (nil). Expired items are skipped here; the amplifier is
    /// switched off after the hold-off.
    private func nextItem() -> PlayoutItem? {
        while true {
            let mayRetryAmplifier = WallClockPacer.monotonicNow() >= amplifierRetryAt
            let idle = WallClockPacer.monotonicNow() - lastAudio
            let amplifierOn = amplifier.isOn
            var dropped: [PlayoutEvent] = []
            let step = shared.withLock { shared -> IdleStep in
                shared.heartbeat = .now
                if shared.shuttingDown { return .shutDown }
                while let first = shared.queue.first {
                    let now = clock.now()
                    if let notAfter = first.notAfter, notAfter <= now {
                        _ = shared.queue.popFirst()
                        dropped.append(PlayoutEvent(kind: .skipped, at: now, item: first, outcome: .expired,
                                                    cause: .expiredBeforeStart))
                    } else if first.startFrame == 0, let startBy = first.startBy, startBy <= now {
                        _ = shared.queue.popFirst()
                        let late = Int(now.timeIntervalSince(first.plannedAt ?? startBy).rounded())
                        dropped.append(PlayoutEvent(kind: .skipped, at: now, item: first, outcome: .missed,
                                                    cause: .missed(lateSeconds: late)))
                    } else {
                        break
                    }
                }
                let warming = (shared.warmUntil ?? .distantPast) > clock.now()
                if warming, !amplifierOn, mayRetryAmplifier { return .amplifier(on: true) }
                if let item = shared.queue.popFirst() { return .play(item) }
                if amplifierOn, idle >= configuration.amplifier.holdoffSeconds, !warming, mayRetryAmplifier {
                    return .amplifier(on: false)
                }
                return .wait
            }
            dropped.forEach(onEvent)
            switch step {
            case .shutDown: return nil
            case .play(let item): return item
            case .amplifier(let on): switchAmplifier(on: on)
            // At least once a second, so the heartbeat stays fresh for the watchdog.
            case .wait: wakeUp.sleep(seconds: 1)
            }
        }
    }

    /// What the idle audio thread does next, decided under the lock.
    private enum IdleStep {
        case shutDown, play(PlayoutItem), amplifier(on: Bool), wait
    }

    private func requeueWhileDeviceMissing(_ item: PlayoutItem) {
        shared.withLock { $0.queue.putBack(item) }
        let deadline = ContinuousClock.now + .seconds(configuration.deviceRetrySeconds)
        while ContinuousClock.now < deadline {
            let shuttingDown = shared.withLock { shared in
                shared.heartbeat = .now
                return shared.shuttingDown
            }
            if shuttingDown { return }
            wakeUp.sleep(seconds: min(1, Double((deadline - ContinuousClock.now) / .seconds(1))))
        }
    }

    /// The open device, opening it if there is none; on failure reports `degraded` with ALSA's reason. The device
    /// is reported `ok` only once a write has succeeded (some plugins open fine and fail on the first write).
    private func openDeviceIfNeeded() -> SpliceWriter? {
        if let output { return output }
        if WallClockPacer.monotonicNow() < reopenNotBefore { return nil }
        do {
            let opened = SpliceWriter(sink: try makeSink())
            output = opened
            deviceOpenedAt = WallClockPacer.monotonicNow()
            return opened
        } catch {
            updateDevice(state: .degraded, error: "\(error)")
            return nil
        }
    }

    /// Records a device state change and reports it once per change.
    func updateDevice(state: DeviceState, error: String?) {
        let underruns = output?.sink.underruns
        let (changed, status) = shared.withLock { shared in
            let changed = shared.device.state != state || (error != nil && shared.device.lastError != error)
            shared.device.state = state
            if let error { shared.device.lastError = error }
            if let underruns { shared.device.underruns = max(shared.device.underruns, underruns) }
            return (changed, shared.device)
        }
        guard changed else { return }
        if state == .ok {
            logger.info("audio device ready", metadata: ["device": "\(status.name)"])
        } else {
            logger.error("audio device \(state.rawValue)",
                         metadata: ["device": "\(status.name)", "error": "\(error ?? "")"])
        }
        onEvent(PlayoutEvent(kind: .deviceState, at: clock.now(), cause: error.map(PlayoutCause.device),
                             device: status))
    }

    /// Switches the amplifier, waiting the warm-up after switching on. A failure is logged and the item still plays
    /// (the amplifier may be on by hand, and health reports the fault); the idle loop then waits before retrying.
    func switchAmplifier(on: Bool) {
        guard amplifier.isOn != on else { return }
        do {
            if on {
                try amplifier.switchOn()
                let warmup = configuration.amplifier.warmupMilliseconds
                if warmup > 0 { Thread.sleep(forTimeInterval: Double(warmup) / 1_000) }
            } else {
                try amplifier.switchOff()
            }
        } catch {
            amplifierRetryAt = WallClockPacer.monotonicNow() + configuration.deviceRetrySeconds
            logger.error("amplifier switch failed", metadata: ["on": "\(on)", "error": "\(error)"])
        }
    }

    /// The attention signal at the broadcast loudness, rendered once.
    private static func renderAttentionTone(seconds: Double) -> [Float] {
        guard seconds > 0 else { return [] }
        let tone = ToneGenerator.render(.attention, seconds: seconds)
        guard let measured = try? LoudnessMeter.measure(tone, format: .broadcast), measured.lufs.isFinite else {
            return tone
        }
        let gain = Float(Decibels.linear(EncodeOptions().targetLUFS - measured.lufs))
        return tone.map { $0 * gain }
    }
}
