import Foundation
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Where things live when the configuration does not say: the directories systemd made for the unit
/// (`StateDirectory=`, `ConfigurationDirectory=`, `RuntimeDirectory=`, passed as `$STATE_DIRECTORY`,
/// `$CONFIGURATION_DIRECTORY` and `$RUNTIME_DIRECTORY`), else system paths for root (DESIGN §1), else XDG paths.
public enum PlatformDefaults {
    /// `$STATE_DIRECTORY`, else `/var/lib/communecast` for root, else `$XDG_STATE_HOME/communecast` (default
    /// `~/.local/state/communecast`).
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let systemd = systemdDirectory("STATE_DIRECTORY", environment) { return systemd }
        if getuid() == 0 { return "/var/lib/communecast" }
        let base = environment["XDG_STATE_HOME"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.local/state"
        return "\(base)/communecast"
    }

    /// `$CONFIGURATION_DIRECTORY/schedules`, else `/etc/communecast/schedules` for root, else
    /// `$XDG_CONFIG_HOME/communecast/schedules` (default `~/.config/communecast/schedules`).
    public static func schedulesDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let systemd = systemdDirectory("CONFIGURATION_DIRECTORY", environment) { return "\(systemd)/schedules" }
        if getuid() == 0 { return "/etc/communecast/schedules" }
        let base = environment["XDG_CONFIG_HOME"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.config"
        return "\(base)/communecast/schedules"
    }

    /// `$RUNTIME_DIRECTORY/control.sock`, else the default the CLI also uses (`/run/communecast/control.sock` for
    /// root). Under socket activation the socket comes from systemd and this path is not used.
    public static func socketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let systemd = systemdDirectory("RUNTIME_DIRECTORY", environment) { return "\(systemd)/control.sock" }
        return DefaultSocket.path(environment: environment)
    }

    /// Half the machine's physical memory (at least 16 MiB): what encoding one upload sent as is may take by
    /// default, leaving the rest to playout, the database and the system. The estimate it is compared with has a
    /// third to spare (`MediaEncoder.bytesPerFrame`), so the encoding itself takes about three eighths.
    public static func encodeMemoryBytes() -> Int { PhysicalMemory.share(0.5) }

    /// The first directory of a systemd `*_DIRECTORY` variable (systemd joins several with colons).
    private static func systemdDirectory(_ name: String, _ environment: [String: String]) -> String? {
        guard let value = environment[name], let first = value.split(separator: ":").first, first.hasPrefix("/")
        else { return nil }
        return String(first)
    }
}
