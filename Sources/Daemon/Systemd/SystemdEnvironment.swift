import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What systemd hands the daemon through its environment: the notification socket, the watchdog period and the
/// listening control socket. Taken once at start-up; the variables are then removed so that programs the daemon
/// starts neither inherit the socket nor speak for the daemon.
struct SystemdEnvironment: Sendable {
    /// Where `READY=1` and friends go; disabled when not started by systemd.
    let notifier: ServiceNotifier
    /// The watchdog, when the unit sets `WatchdogSec=`.
    let watchdog: WatchdogPolicy?
    /// The control socket, when `communecastd.socket` started the daemon.
    let activation: SocketActivation?

    /// Reads and clears this process's `NOTIFY_SOCKET`, `WATCHDOG_*` and `LISTEN_*` variables.
    static func take(amplifierWarmup: TimeInterval) throws -> SystemdEnvironment {
        let environment = ProcessInfo.processInfo.environment
        let watchdog = WatchdogPolicy.fromEnvironment(environment, processID: getpid(),
                                                      amplifierWarmup: amplifierWarmup)
        unsetenv("WATCHDOG_USEC")
        unsetenv("WATCHDOG_PID")
        return SystemdEnvironment(
            notifier: ServiceNotifier.fromProcessEnvironment(), watchdog: watchdog,
            activation: try SocketActivation.takeFromProcessEnvironment()
        )
    }
}
