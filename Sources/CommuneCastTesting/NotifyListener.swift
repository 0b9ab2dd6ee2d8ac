import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plays systemd's side of sd_notify(3) for tests: a Unix datagram socket that records every message the daemon
/// sends (`READY=1`, `STATUS=…`, `WATCHDOG=1`…) with the time it arrived.
public final class NotifyListener: @unchecked Sendable {
    /// One datagram.
    public struct Message: Sendable {
        /// When it arrived.
        public var at: Date
        /// Its text, e.g. "READY=1\nSTATUS=serving; 0 schedules; device closed; idle".
        public var text: String

        /// The value of `KEY=` in the message, if present.
        public func value(_ key: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
        }
    }

    /// The socket's path; `NOTIFY_SOCKET` for the daemon.
    public let path: String
    private let fd: Int32
    private let lock = NSCondition()
    private var received: [Message] = []
    private var closed = false
    private let receiverEnded = DispatchSemaphore(value: 0)

    /// Binds a datagram socket at `path` and starts recording.
    public init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, bound == 0 else {
            let reason = String(cString: strerror(errno))
            // No receiving thread: close() must not wait for one.
            closed = true
            if fd >= 0 { Glibc.close(fd) }
            throw HarnessError("cannot bind the notify socket \(path): \(reason)")
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [self] in receive() }
        thread.name = "notify-listener"
        thread.start()
    }

    deinit { close() }

    /// Every message so far, oldest first.
    public var messages: [Message] { lock.withLock { received } }

    /// Waits up to `timeout` seconds for a message after `index` (an index into `messages`) matching `predicate`.
    public func wait(after index: Int = 0, timeout: Double = 60, for predicate: (Message) -> Bool) -> Message? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let found = received.dropFirst(index).first(where: predicate) { return found }
            if !lock.wait(until: deadline) { return received.dropFirst(index).first(where: predicate) }
        }
    }

    /// Stops recording and closes the socket, once the receiving thread has seen the request (it checks between
    /// receives, which time out every 0.1 s) and let go of it.
    public func close() {
        let wasOpen = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        if wasOpen {
            receiverEnded.wait()
            Glibc.close(fd)
            unlink(path)
        }
    }

    private func receive() {
        defer { receiverEnded.signal() }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !lock.withLock({ closed }) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { continue }
            let message = Message(at: Date(), text: String(decoding: buffer.prefix(count), as: UTF8.self))
            lock.withLock {
                received.append(message)
                lock.broadcast()
            }
        }
    }
}
