import ControlProtocol
import Foundation

/// A plain blocking Unix socket client, for sending exactly the bytes a test wants (garbage included).
///
/// Every blocking system call runs on a thread of its own, never on the Swift concurrency pool or Dispatch's
/// global queues (whose width on Linux is the core count), so a test waiting for a reply cannot starve the
/// handler that is producing it.
final class RawSocket: Sendable {
    /// Why the socket failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32

    /// Connects to the socket at `path`.
    init(path: String) async throws {
        fd = try await Self.blocking {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
            }
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard status == 0 else {
                close(fd)
                throw Failure(description: "connect \(path): errno \(errno)")
            }
            var timeout = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            return fd
        }
    }

    deinit {
        close(fd)
    }

    /// Sends `bytes` as they are.
    func send(bytes: [UInt8]) async throws {
        try await Self.blocking { [fd] in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard written > 0 else { throw Failure(description: "write: errno \(errno)") }
                offset += written
            }
        }
    }

    /// Sends JSON text followed by the NUL terminator.
    func send(_ json: String) async throws {
        try await send(bytes: Array(json.utf8) + [0])
    }

    /// Reads one reply; throws if the server closes the connection or says nothing for 60 s.
    func receive() async throws -> VarlinkReply {
        guard let frame = try await receiveFrame() else { throw Failure(description: "connection closed") }
        return try VarlinkReply(decoding: frame)
    }

    /// Reads one message without its NUL, or `nil` if the server closed the connection first.
    func receiveFrame() async throws -> [UInt8]? {
        try await Self.blocking { [fd] in
            var frame: [UInt8] = []
            var byte: UInt8 = 0
            while true {
                let count = read(fd, &byte, 1)
                if count == 0 { return nil }
                guard count == 1 else { throw Failure(description: "read: errno \(errno) (timed out?)") }
                if byte == 0 { return frame }
                frame.append(byte)
            }
        }
    }

    /// Whether the server closes the connection within 60 s, discarding anything it sends first.
    func isClosedByServer() async -> Bool {
        (try? await Self.blocking { [fd] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count == 0 { return true }
                if count < 0 { return errno == ECONNRESET }
            }
        }) ?? false
    }

    /// Whether the server has closed the connection already (a read that does not wait returns end of file or a
    /// reset); false while it is open and silent.
    func isClosedNow() async -> Bool {
        (try? await Self.blocking { [fd] in
            var byte: UInt8 = 0
            let count = recv(fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
            return count == 0 || (count < 0 && errno == ECONNRESET)
        }) ?? false
    }

    /// Runs `body` on a new thread and returns its result.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result(catching: body)) }.start()
        }
    }
}
