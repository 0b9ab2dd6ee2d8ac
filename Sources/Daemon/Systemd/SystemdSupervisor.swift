import Foundation
import HostSystem
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps systemd told what the daemon is doing (DESIGN §2: the Daemon owns sd_notify and the watchdog): `READY=1`
/// once the control socket serves, `RELOADING=1` and `READY=1` around a SIGHUP reload, `STOPPING=1` on shutdown, a
/// one-line `STATUS=` that follows the engine, and `WATCHDOG=1` pings while the audio thread's heartbeat is fresh.
///
/// Its loop runs on a thread of its own, so neither the cooperative pool nor the event loops can starve the pings,
/// and it wakes once a second at most. Without `NOTIFY_SOCKET` it does nothing at all.
final class SystemdSupervisor: Sendable {
    private enum Phase { case starting, serving, reloading, stopping }

    /// What the loop and the daemon's lifecycle calls share.
    private struct State {
        var phase = Phase.starting
        var finished = false
        var lastStatus: String?
        var lastPing: ContinuousClock.Instant?
        var withholding = false
        var reloadingWhileServing = false
    }

    private let notifier: ServiceNotifier
    private let watchdog: WatchdogPolicy?
    private let heartbeat: @Sendable () -> ContinuousClock.Instant
    private let status: @Sendable () -> String
    private let logger: Logger
    private let state = Mutex(State())
    /// Ends the loop's wait early, at `finish()`.
    private let wakeUp = WakeSignal()

    /// `heartbeat` is the engine's `lastHeartbeat`; `status` builds the current status line.
    init(notifier: ServiceNotifier, watchdog: WatchdogPolicy?, logger: Logger,
         heartbeat: @escaping @Sendable () -> ContinuousClock.Instant, status: @escaping @Sendable () -> String) {
        self.notifier = notifier
        self.watchdog = watchdog
        self.logger = logger
        self.heartbeat = heartbeat
        self.status = status
    }

    /// Starts the loop that pings the watchdog and keeps the status line current.
    func start() {
        guard notifier.isEnabled else { return }
        if let watchdog {
            logger.info("systemd watchdog enabled", metadata: [
                "interval_s": "\(watchdog.interval)", "stale_after_s": "\(watchdog.staleAfter)",
            ])
        }
        NamedThread.start("cc-systemd") { [self] in loop() }
    }

    /// The control socket serves: `READY=1` with the first status line.
    func ready() {
        let line = status()
        state.withLock {
            $0.phase = .serving
            $0.lastStatus = line
        }
        send("READY=1\nSTATUS=\(line)")
    }

    /// A SIGHUP reload begins: `RELOADING=1`, stamped with the monotonic clock as systemd 253 and later expect.
    func reloading() {
        state.withLock {
            $0.reloadingWhileServing = $0.phase == .serving
            $0.phase = .reloading
        }
        send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())\nSTATUS=reloading configuration, "
             + "hardware profile and schedules")
    }

    /// The reload is over, whatever it found: `READY=1` with the status line (which names a rejected reload). A
    /// SIGHUP during start-up must not announce readiness before the control socket serves.
    func reloaded() {
        let wasServing = state.withLock { state in
            if !state.reloadingWhileServing, state.phase == .reloading { state.phase = .starting }
            return state.reloadingWhileServing
        }
        if wasServing { ready() }
    }

    /// Shutdown has begun: `STOPPING=1`. Watchdog pings continue until `finish()`, so a slow fade-out is not
    /// mistaken for a hang.
    func stopping() {
        state.withLock { $0.phase = .stopping }
        send("STOPPING=1\nSTATUS=stopping: fading out, closing the device, checkpointing the database")
    }

    /// Ends the loop; called when every service has stopped.
    func finish() {
        state.withLock { $0.finished = true }
        wakeUp.wake()
    }

    private func loop() {
        let tick = min(1, watchdog?.interval ?? 1)
        while true {
            wakeUp.sleep(seconds: tick)
            let (finished, serving) = state.withLock { ($0.finished, $0.phase == .serving) }
            if finished { break }
            if serving { updateStatus() }
            pingIfDue()
        }
    }

    private func updateStatus() {
        let line = status()
        let changed = state.withLock { state in
            guard state.phase == .serving, line != state.lastStatus else { return false }
            state.lastStatus = line
            return true
        }
        if changed { send("STATUS=\(line)") }
    }

    /// Sends `WATCHDOG=1` when half the watchdog period has passed, if the audio thread is alive.
    private func pingIfDue() {
        guard let watchdog else { return }
        let now = ContinuousClock.now
        let due = state.withLock { state in state.lastPing.map { now - $0 >= .seconds(watchdog.interval) } ?? true }
        guard due else { return }
        let beat = heartbeat()
        let alive = watchdog.isAlive(heartbeat: beat, now: now)
        let wasWithholding = state.withLock { state in
            defer { state.withholding = !alive }
            if alive { state.lastPing = now }
            return state.withholding
        }
        if alive {
            if wasWithholding { logger.notice("the playout engine's audio thread is running again") }
            send("WATCHDOG=1")
        } else if !wasWithholding {
            logger.critical(
                "audio thread stuck: withholding the watchdog ping so systemd restarts the daemon",
                metadata: ["stuck_s": "\((now - beat).components.seconds)", "limit_s": "\(Int(watchdog.staleAfter))"]
            )
        }
    }

    private func send(_ message: String) {
        if !notifier.isEnabled { return }
        if !notifier.send(message) {
            let error = String(cString: strerror(errno))
            logger.warning("cannot notify systemd", metadata: [
                "socket": "\(notifier.socketName ?? "-")", "error": "\(error)",
            ])
        }
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
