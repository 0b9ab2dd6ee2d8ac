import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the daemon listens when configured with nothing, and so where the CLI connects by default: shared here so the
/// two cannot disagree.
public enum DefaultSocket {
    /// `/run/communecast/control.sock` for root, else `$XDG_RUNTIME_DIR/communecast/control.sock`.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if getuid() == 0 { return systemPath }
        let base = environment["XDG_RUNTIME_DIR"] ?? "/tmp/communecast-\(getuid())"
        return "\(base)/communecast/control.sock"
    }

    /// The installed site daemon's socket (`communecastd.socket`), which operators reach through their groups.
    public static let systemPath = "/run/communecast/control.sock"

    /// The CLI's default address: `COMMUNECAST_CONNECT`, else `unix:` and the daemon's default socket. For a user
    /// other than root with no daemon of their own, that is the installed site daemon's socket when it exists, so
    /// operators on a site need no flag.
    public static func connectAddress(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> String {
        if let address = environment["COMMUNECAST_CONNECT"] { return address }
        let own = path(environment: environment)
        if own != systemPath, !exists(own), exists(systemPath) { return "unix:\(systemPath)" }
        return "unix:\(own)"
    }
}
