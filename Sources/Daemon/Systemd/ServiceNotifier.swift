import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// systemd's notification protocol (sd_notify(3)) spoken without libsystemd: each message is one datagram of
/// `KEY=VALUE` lines sent to the Unix socket named by `NOTIFY_SOCKET`, a path, or an abstract name when it starts
/// with `@`. Without `NOTIFY_SOCKET` (not started by systemd, or not `Type=notify`) every send does nothing.
///
/// Sends never block and never fail the daemon: a manager that has gone away costs a log line, not an airing.
public final class ServiceNotifier: Sendable {
    /// The socket address as it goes into `sockaddr_un.sun_path`: the path bytes, or a NUL then the abstract name.
    private let address: [UInt8]?
    /// The `NOTIFY_SOCKET` value, for messages.
    public let socketName: String?
    private let fd: Int32

    /// Reads `NOTIFY_SOCKET` from `environment`; a value that is neither an absolute path nor `@name`, or that does
    /// not fit in a Unix socket address, disables notification (there is nothing sensible to send to).
    public init(environment: [String: String]) {
        let name = environment["NOTIFY_SOCKET"]
        var bytes: [UInt8]?
        if let name, name.hasPrefix("/") || name.hasPrefix("@"), name.utf8.count > 1 {
            let raw = Array(name.utf8)
            bytes = raw[0] == UInt8(ascii: "@") ? [0] + raw.dropFirst() : raw
        }
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        if let candidate = bytes, candidate.count >= capacity { bytes = nil }
        address = bytes
        socketName = bytes == nil ? nil : name
        fd = bytes == nil ? -1 : socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Takes the notification socket from this process's environment and removes `NOTIFY_SOCKET` from it, so
    /// programs the daemon starts (an amplifier command) cannot speak for the daemon.
    public static func fromProcessEnvironment() -> ServiceNotifier {
        let notifier = ServiceNotifier(environment: ProcessInfo.processInfo.environment)
        unsetenv("NOTIFY_SOCKET")
        return notifier
    }

    /// Whether a service manager is listening.
    public var isEnabled: Bool { address != nil && fd >= 0 }

    /// Sends one message, such as `"READY=1\nSTATUS=serving"`; returns whether the datagram was accepted.
    @discardableResult
    public func send(_ message: String) -> Bool {
        guard let address, fd >= 0 else { return false }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            for (index, byte) in address.enumerated() { buffer[index] = byte }
        }
        // A path is sent with its terminating NUL; an abstract name is exactly as long as its bytes.
        let pathOffset = MemoryLayout<sa_family_t>.size
        let length = pathOffset + address.count + (address.first == 0 ? 0 : 1)
        let payload = Array(message.utf8)
        let sent = payload.withUnsafeBytes { bytes in
            withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, socklen_t(length))
                }
            }
        }
        return sent == payload.count
    }
}
