import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that never answers, for tests that must prove nothing connects (an XML parser asked
/// to fetch an external entity from it): the kernel completes any connection attempt into the backlog, so after
/// the code under test returns, `connectionCount()` sees every attempt it made.
public final class LoopbackListener {
    private let fd: Int32
    /// The port it listens on.
    public let port: Int

    /// Listens on a free loopback port.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        var address = LoopbackPort.address(0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw HarnessError("cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    /// Accepts (and closes) every pending connection and returns how many there were, all calls together.
    public func connectionCount() -> Int {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return accepted }
            close(client)
            accepted += 1
        }
    }

    private var accepted = 0
}
