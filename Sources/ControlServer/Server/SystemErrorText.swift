#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders `errno` values for error messages, as `strerror` text with the symbolic name operators search for.
enum SystemErrorText {
    /// Such as `Permission denied (EACCES)`.
    static func text(for code: Int32) -> String {
        let message = String(cString: strerror(code))
        let names: [Int32: String] = [
            EACCES: "EACCES", EPERM: "EPERM", ENOENT: "ENOENT", EEXIST: "EEXIST", ENOTDIR: "ENOTDIR",
            EROFS: "EROFS", ENOSPC: "ENOSPC", EADDRINUSE: "EADDRINUSE",
        ]
        return names[code].map { "\(message) (\($0))" } ?? "\(message) (errno \(code))"
    }
}
