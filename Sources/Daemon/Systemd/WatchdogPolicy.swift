import Foundation

/// When to send systemd's `WATCHDOG=1`. systemd restarts the daemon when no ping arrives within `WatchdogSec=`; we
/// ping at half that, and only while the playout engine's audio thread is going round its loop (it refreshes its
/// heartbeat at least once a second when idle and every period while playing). A hung audio thread, stuck in a
/// driver call for instance, therefore stops the pings and gets the daemon restarted, while a busy control socket
/// or a slow database does not.
public struct WatchdogPolicy: Sendable, Equatable {
    /// Seconds between pings: half of `WATCHDOG_USEC`.
    public let interval: TimeInterval
    /// A heartbeat older than this means the audio thread is stuck.
    public let staleAfter: TimeInterval

    /// The longest the audio thread legitimately goes without a heartbeat besides the amplifier's warm-up: its idle
    /// wait (1 s), draining the device buffer (up to 2 s) and opening a device, with a margin.
    public static let baseStaleness: TimeInterval = 5

    /// A policy pinging every `interval` seconds; `amplifierWarmup` is added to the staleness limit because the
    /// audio thread sleeps through the warm-up before its first period.
    public init(interval: TimeInterval, amplifierWarmup: TimeInterval = 0) {
        self.interval = interval
        staleAfter = Self.baseStaleness + max(0, amplifierWarmup)
    }

    /// The policy systemd asks for through `WATCHDOG_USEC` (and `WATCHDOG_PID`, which must name this process when
    /// set), or nil when the unit has no `WatchdogSec=`.
    public static func fromEnvironment(
        _ environment: [String: String], processID: Int32, amplifierWarmup: TimeInterval = 0
    ) -> WatchdogPolicy? {
        if let pid = environment["WATCHDOG_PID"], Int32(pid) != processID { return nil }
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else {
            return nil
        }
        return WatchdogPolicy(interval: Double(microseconds) / 2_000_000, amplifierWarmup: amplifierWarmup)
    }

    /// Whether a heartbeat last seen at `heartbeat` is recent enough at `now` to vouch for the audio thread. Both are
    /// monotonic instants, so setting the wall clock (as NTP does once a SIM gets a network) never looks like a hang.
    public func isAlive(heartbeat: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Bool {
        now - heartbeat <= .seconds(staleAfter)
    }
}
