import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare Unix-socket client for protocol abuse tests: it sends whatever bytes it is given, garbage included.
public final class RawUnixSocket {
    private let fd: Int32

    /// Connects to `path`.
    public init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0, Self.connect(fd, path) else {
            if fd >= 0 { close(fd) }
            throw HarnessError("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Whether something accepts connections at `path`.
    public static func canConnect(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        return fd >= 0 && connect(fd, path)
    }

    private static func connect(_ fd: Int32, _ path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// Sends bytes; returns false if the peer has closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Sends a string followed by the varlink NUL terminator.
    @discardableResult
    public func sendMessage(_ text: String) -> Bool { send(Array(text.utf8) + [0]) }

    /// Reads one NUL-terminated message; nil when the peer closed the connection (or after 60 s of silence).
    public func receiveMessage() -> String? {
        var message: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let got = recv(fd, &byte, 1, 0)
            if got <= 0 { return nil }
            if byte == 0 { return String(decoding: message, as: UTF8.self) }
            message.append(byte)
        }
    }

    /// Whether something arrives to read (or the peer closes) within `seconds`; returns as soon as it does.
    public func isReadable(within seconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(seconds * 1_000)) > 0
    }

    /// Linux's `POLLRDHUP` (the peer shut its side down), which Glibc declares only under `_GNU_SOURCE`.
    private static let pollReadHangUp: Int16 = 0x2000

    /// Whether the peer closes the connection within `seconds`, without reading what it may send first: a read
    /// that does not consume sees the end of the stream or a reset. Returns as soon as it does.
    public func isClosed(within seconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN) | Self.pollReadHangUp, revents: 0)
        guard poll(&entry, 1, Int32(seconds * 1_000)) > 0 else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return count == 0 || (count < 0 && errno != EAGAIN)
    }

    /// Whether the peer has closed the connection (a read returns end of file).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }
}
