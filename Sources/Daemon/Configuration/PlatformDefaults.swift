import ControlProtocol
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where things live when the configuration does not say: system paths for root (DESIGN §1), XDG paths otherwise.
public enum PlatformDefaults {
    /// `/var/lib/communecast` for root, else `$XDG_STATE_HOME/communecast` (default `~/.local/state/communecast`).
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if getuid() == 0 { return "/var/lib/communecast" }
        let base = environment["XDG_STATE_HOME"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.local/state"
        return "\(base)/communecast"
    }

    /// `/etc/communecast/schedules` for root, else `$XDG_CONFIG_HOME/communecast/schedules` (default
    /// `~/.config/communecast/schedules`).
    public static func schedulesDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if getuid() == 0 { return "/etc/communecast/schedules" }
        let base = environment["XDG_CONFIG_HOME"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.config"
        return "\(base)/communecast/schedules"
    }

    /// The control socket path when none is configured (shared with the CLI's default).
    public static func socketPath() -> String { DefaultSocket.path() }
}
