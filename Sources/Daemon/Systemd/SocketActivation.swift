import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A listening socket handed over by systemd (sd_listen_fds(3)): `communecastd.socket` owns
/// `/run/communecast/control.sock`, so clients can connect while the daemon starts or restarts, and the daemon serves
/// the inherited descriptor instead of creating, chmodding or removing the file itself.
public struct SocketActivation: Sendable, Equatable {
    /// The first inherited descriptor; systemd passes them from 3 upwards.
    public static let firstDescriptor: Int32 = 3

    /// The descriptor to serve.
    public let descriptor: Int32
    /// The path the socket is bound to, when the kernel reports one.
    public let path: String?
    /// How many descriptors systemd passed; only the first is used.
    public let count: Int

    /// The socket systemd passed to this process, or nil when it passed none. `LISTEN_PID` must name this process
    /// (otherwise the variables were meant for a parent and are ignored); `LISTEN_FDS` says how many descriptors
    /// follow 3. Throws when descriptor 3 is not a listening Unix stream socket, naming what it is instead.
    public static func inherited(
        environment: [String: String], processID: Int32 = getpid()
    ) throws(SocketActivationError) -> SocketActivation? {
        guard let pidText = environment["LISTEN_PID"], let pid = Int32(pidText), pid == processID,
              let countText = environment["LISTEN_FDS"], let count = Int(countText), count >= 1 else { return nil }
        for offset in 0..<count {
            let flags = fcntl(firstDescriptor + Int32(offset), F_GETFD)
            guard flags >= 0 else { throw .notOpen(descriptor: firstDescriptor + Int32(offset)) }
            _ = fcntl(firstDescriptor + Int32(offset), F_SETFD, flags | FD_CLOEXEC)
        }
        let descriptor = firstDescriptor
        let domain = option(descriptor, SO_DOMAIN)
        let type = option(descriptor, SO_TYPE)
        let listening = option(descriptor, SO_ACCEPTCONN)
        guard domain == AF_UNIX, type == Int32(SOCK_STREAM.rawValue), listening == 1 else {
            throw .notAListeningUnixSocket(descriptor: descriptor, domain: domain, type: type,
                                           listening: listening == 1)
        }
        return SocketActivation(descriptor: descriptor, path: boundPath(descriptor), count: count)
    }

    /// `inherited(environment:)` for this process, then removes `LISTEN_PID`, `LISTEN_FDS` and `LISTEN_FDNAMES`
    /// so programs the daemon starts do not take the socket for theirs.
    public static func takeFromProcessEnvironment() throws(SocketActivationError) -> SocketActivation? {
        defer {
            for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
        }
        return try inherited(environment: ProcessInfo.processInfo.environment)
    }

    private static func option(_ descriptor: Int32, _ name: Int32) -> Int32? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, SOL_SOCKET, name, &value, &length) == 0 ? value : nil
    }

    /// The socket's path, or nil for an unnamed or abstract socket.
    private static func boundPath(_ descriptor: Int32) -> String? {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { return nil }
        let path = withUnsafeBytes(of: address.sun_path) { buffer in
            String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }
        return path.isEmpty ? nil : path
    }
}

/// Descriptors from systemd that cannot be served, with what to check in the socket unit.
public enum SocketActivationError: Error, Equatable, CustomStringConvertible {
    /// `LISTEN_FDS` promised a descriptor that is not open.
    case notOpen(descriptor: Int32)
    /// Descriptor 3 is something other than a listening `AF_UNIX` stream socket.
    case notAListeningUnixSocket(descriptor: Int32, domain: Int32?, type: Int32?, listening: Bool)

    public var description: String {
        switch self {
        case .notOpen(let descriptor):
            return "systemd socket activation: LISTEN_FDS names descriptor \(descriptor), which is not open"
        case .notAListeningUnixSocket(let descriptor, let domain, let type, let listening):
            let family = domain == AF_UNIX ? "a Unix" : domain.map { "an address family \($0)" } ?? "not a"
            let kind = type == Int32(SOCK_STREAM.rawValue) ? "stream" : type.map { "type \($0)" } ?? ""
            return "systemd socket activation: descriptor \(descriptor) is \(family) \(kind) socket"
                + "\(listening ? "" : " that is not listening"); communecastd needs the listening Unix stream "
                + "socket of ListenStream=/run/communecast/control.sock (see communecastd.socket)"
        }
    }
}
