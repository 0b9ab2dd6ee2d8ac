import BroadcastModel
import Dispatch
import Foundation
import HostSystem
import Logging
import Synchronization

/// Plays a stream for the site: the engine's PCM source for relays and live broadcasts (stage 2). A reading thread,
/// `cc-stream`, fetches the configured URLs in order over HTTP(S) (SwiftNIO), decodes Ogg Opus with
/// libopusfile into a bounded `JitterBuffer`, and moves to the next URL when one fails, or to the fallback when none
/// plays within `switchDeadline`; every failure and switch is a typed `StreamEvent`. The audio thread only calls
/// `pull`, which takes one lock for a copy and never waits for the network.
public final class StreamReader: Sendable {
    /// What is on air, shared by the reading thread and the audio thread.
    struct Air {
        var source: StreamSource?
        var buffer: JitterBuffer?
        var corrector: RateCorrector?
        var fallback: FallbackPlayer
        var switches = 0
        var lastFailure: StreamFailure?
        var comments: [String] = []
        var stopped = false
        var underrunFrames = 0
    }

    /// The configuration it was made with.
    public let configuration: StreamConfiguration
    let logger: Logger
    /// The site's clock: its `now()` dates every event, its `uptime()` times stalls, switches and the return to a URL.
    let clock: any Clock
    let onEvent: @Sendable (StreamEvent) -> Void
    let air: Mutex<Air>
    let stopSignal = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    /// The connection being read, so `stop()` can end a blocked read at once.
    let current = Mutex<StreamConnection?>(nil)
    private let started = Atomic<Bool>(false)

    /// Prepares a reader; `onEvent` hears every failure and switch on the reading thread and must return quickly
    /// (stage 2 yields them into the daemon's event stream). A fallback file that cannot be read falls back to
    /// silence, with a warning.
    public init(configuration: StreamConfiguration, clock: any Clock = SystemClock(), logger: Logger,
                onEvent: @escaping @Sendable (StreamEvent) -> Void) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.onEvent = onEvent
        let (fallback, problem) = FallbackPlayer.load(configuration.fallback)
        if let problem { logger.warning("stream fallback unreadable, silence instead: \(problem)") }
        air = Mutex(Air(fallback: fallback))
    }

    /// Starts the reading thread; once only.
    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        NamedThread.start("cc-stream") { [self] in
            readLoop()
            finished.signal()
        }
    }

    /// Stops reading and waits (at most `timeout` seconds) for the reading thread to end; `pull` gives silence after.
    public func stop(timeout: Double = 10) {
        let wasRunning = air.withLock { air in
            defer { air.stopped = true }
            return !air.stopped
        }
        guard wasRunning else { return }
        stopSignal.signal()
        current.withLock { $0?.close() }
        if started.load(ordering: .relaxed) { _ = finished.wait(timeout: .now() + timeout) }
        onEvent(StreamEvent(kind: .stopped, date: clock.now()))
    }

    /// Fills `buffer` (mono 48 kHz) from the audio thread: the stream while it plays, fading out into silence on an
    /// underrun, or the fallback. Returns what was on air. Never waits beyond one short lock.
    @discardableResult
    public func pull(into buffer: UnsafeMutableBufferPointer<Float>) -> StreamSource? {
        air.withLock { air in
            switch air.source {
            case .url?:
                var got = 0
                if let stream = air.buffer {
                    got = air.corrector?.pull(from: stream, into: buffer) ?? stream.pull(into: buffer)
                }
                air.underrunFrames += max(0, buffer.count - got)
            case .fallback?:
                air.fallback.pull(into: buffer)
            case nil:
                buffer.update(repeating: 0)
            }
            return air.source
        }
    }

    /// The state for health and monitor.
    public var status: StreamStatus {
        air.withLock { air in
            let level = air.buffer?.level ?? 0
            let state: StreamStatus.State = switch air.source {
            case _ where air.stopped: .stopped
            case nil: .connecting
            case .fallback?: .fallback
            case .url?: level > 0 ? .playing : .stalled
            }
            return StreamStatus(
                state: state, source: air.source, bufferSeconds: level, rateAdjustmentPPM: air.corrector?.ppm ?? 0,
                underrunSeconds: Double(air.underrunFrames) / 48_000, switches: air.switches,
                lastFailure: air.lastFailure, comments: air.comments
            )
        }
    }

    /// Whether `stop()` was called.
    var isStopped: Bool { air.withLock { $0.stopped } }
}
