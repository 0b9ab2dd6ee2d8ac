import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Plain TCP connections to a loopback port that never send a byte, as someone who reaches a site's TLS port without
/// a certificate would hold them: each is opened again soon after the server closes it (unless told not to), for as
/// long as the flood runs. The connections come from `source` (any address of 127.0.0.0/8), so a test can tell them
/// from its own clients on 127.0.0.1.
public final class IdleTCPFlood: Sendable {
    private struct Counters {
        var opened = 0
        var closedByServer = 0
        var stopping = false
    }

    private let counters = Mutex(Counters())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Opens `count` connections to `127.0.0.1:port` from `source` and keeps them open on a thread of its own, which
    /// looks every `interval` seconds for connections the server closed, counts them and, with `reopen`, opens them
    /// again, until `stop()`.
    public init(port: Int, count: Int, source: String, interval: Double = 0.2, reopen: Bool = true) throws {
        var sockets: [Int32] = []
        for _ in 0..<count { sockets.append(try Self.connect(port: port, source: source)) }
        counters.withLock { $0.opened = count }
        let opened = sockets
        let thread = Thread { [self] in
            var sockets = opened
            while !counters.withLock({ $0.stopping }) {
                _ = wake.wait(timeout: .now() + interval)
                for index in sockets.indices where sockets[index] >= 0 && Self.isClosed(sockets[index]) {
                    close(sockets[index])
                    sockets[index] = reopen ? (try? Self.connect(port: port, source: source)) ?? -1 : -1
                    counters.withLock { counters in
                        counters.closedByServer += 1
                        if sockets[index] >= 0 { counters.opened += 1 }
                    }
                }
            }
            for socket in sockets where socket >= 0 { close(socket) }
            finished.signal()
        }
        thread.name = "idle-tcp-flood"
        thread.start()
    }

    /// How many connections the flood has opened so far.
    public var opened: Int { counters.withLock { $0.opened } }

    /// How many of them the server has closed so far.
    public var closedByServer: Int { counters.withLock { $0.closedByServer } }

    /// Closes every connection and waits for the thread to end.
    public func stop() {
        counters.withLock { $0.stopping = true }
        wake.signal()
        finished.wait()
    }

    /// Whether the server has closed `socket`: a read that does not wait sees the end of the stream or an error.
    private static func isClosed(_ socket: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(socket, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    private static func connect(port: Int, source: String) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, source, &local.sin_addr)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr)
        let connected = withUnsafePointer(to: &local) { local in
            withUnsafePointer(to: &remote) { remote in
                local.withMemoryRebound(to: sockaddr.self, capacity: 1) { local in
                    remote.withMemoryRebound(to: sockaddr.self, capacity: 1) { remote in
                        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
                        return bind(fd, local, size) == 0 && Glibc.connect(fd, remote, size) == 0
                    }
                }
            }
        }
        guard connected else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw HarnessError("cannot connect from \(source) to 127.0.0.1:\(port): \(reason)")
        }
        return fd
    }
}
