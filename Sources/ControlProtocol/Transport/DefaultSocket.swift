import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the daemon listens when configured with nothing, and so where the CLI connects by default: shared here so the
/// two cannot disagree.
public enum DefaultSocket {
    /// `/run/communecast/control.sock` for root, else `$XDG_RUNTIME_DIR/communecast/control.sock`.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if getuid() == 0 { return "/run/communecast/control.sock" }
        let base = environment["XDG_RUNTIME_DIR"] ?? "/tmp/communecast-\(getuid())"
        return "\(base)/communecast/control.sock"
    }

    /// The CLI's default address: `COMMUNECAST_CONNECT`, else `unix:` and the daemon's default socket.
    public static func connectAddress(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["COMMUNECAST_CONNECT"] ?? "unix:\(path(environment: environment))"
    }
}
