import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ports on 127.0.0.1 for the servers tests start (Icecast, Mosquitto, nginx, the fault proxy): a free one, and
/// whether one accepts connections yet.
public enum LoopbackPort {
    /// `127.0.0.1:port` for the socket calls.
    static func address(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// Connects `descriptor` to `127.0.0.1:port`; whether it succeeded.
    static func connect(_ descriptor: Int32, to port: Int) -> Bool {
        var address = address(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A port nothing holds now, for a server a test is about to start. Not the kernel's choice for port 0: that
    /// comes from the ephemeral range, where every outgoing connection of the suite also takes its local port, so
    /// one could take it before the server binds it (seen once: icecast2 exiting at start-up on a loaded machine).
    /// Instead a random port below that range that a socket can bind now, never one this process handed out
    /// before, so two servers started at once by parallel tests never get the same one.
    public static func free() throws -> Int {
        let below = ephemeralRangeStart()
        for _ in 0..<200 {
            let port = Int.random(in: 10_000..<below)
            guard handedOut.withLock({ $0.insert(port).inserted }), canBind(port) else { continue }
            return port
        }
        throw HarnessError("cannot find a free loopback port between 10000 and \(below)")
    }

    /// Ports `free` returned in this process.
    private static let handedOut = Mutex(Set<Int>())

    /// The first port of the kernel's ephemeral range (`net.ipv4.ip_local_port_range`), 32768 when unreadable or
    /// too low to leave room below it.
    static func ephemeralRangeStart() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let start = text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        return start > 20_000 ? start : 32_768
    }

    /// Whether a socket can bind 127.0.0.1:`port` now (no listener, no connection holds it).
    static func canBind(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = address(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Whether a TCP connection to 127.0.0.1:`port` succeeds (a server a test started is up).
    public static func accepts(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return connect(descriptor, to: port)
    }
}
