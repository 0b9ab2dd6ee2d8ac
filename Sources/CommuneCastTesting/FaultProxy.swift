import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on loopback between a stream reader and its server that misbehaves on demand: it passes bytes,
/// stalls (keeps the sockets open and forwards nothing), closes every connection (and refuses new ones while
/// closed), throttles the server's bytes to a rate, or delays each of them by a random time up to a bound, in order
/// (network jitter without loss of rate). Blocking sockets, one thread per direction, `poll` with a short timeout so
/// a mode change takes effect at once.
public final class FaultProxy: @unchecked Sendable {
    /// What the proxy does to the bytes.
    public enum Mode: Sendable, Equatable {
        /// Forwards everything.
        case pass
        /// Forwards nothing, with the connections left open.
        case stall
        /// Closes every connection and refuses new ones.
        case closed
        /// Forwards the server's bytes at `bytesPerSecond` at most.
        case throttle(bytesPerSecond: Int)
        /// Holds each read of the server's bytes for a random 0…`maxDelay` seconds before forwarding it, never
        /// overtaking the one before.
        case jitter(maxDelay: Double)
    }

    /// The port readers connect to.
    public let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let mode = Mutex(Mode.pass)
    private let generation = Atomic<Int>(0)
    private let running = Atomic<Bool>(true)

    /// Listens on a free loopback port and forwards to `127.0.0.1:upstreamPort`.
    public init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        port = try LoopbackPort.free()
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = LoopbackPort.address(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound, listen(listener, 16) == 0 else {
            close(listener)
            throw IcecastFailure(message: "the fault proxy could not listen on port \(port)")
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "fault-proxy-accept"
        thread.start()
    }

    deinit { stop() }

    /// Changes what the proxy does; `.closed` ends every open connection at once.
    public func set(_ newMode: Mode) {
        mode.withLock { $0 = newMode }
        if newMode == .closed { generation.add(1, ordering: .relaxed) }
    }

    /// Stops listening and ends every connection.
    public func stop() {
        guard running.exchange(false, ordering: .relaxed) else { return }
        generation.add(1, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while running.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            if mode.withLock({ $0 }) == .closed {
                close(client)
                continue
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard LoopbackPort.connect(server, to: upstreamPort) else {
                close(client)
                close(server)
                continue
            }
            let born = generation.load(ordering: .relaxed)
            let pair = SocketPair(client: client, server: server)
            for (from, to, throttled) in [(client, server, false), (server, client, true)] {
                let thread = Thread { [self] in
                    pump(from: from, to: to, throttled: throttled, born: born)
                    pair.release()
                }
                thread.name = "fault-proxy-pump"
                thread.start()
            }
        }
    }

    /// Copies `from` to `to` as the mode allows until either side closes or the generation changes.
    private func pump(from: Int32, to: Int32, throttled: Bool, born: Int) {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        var allowance = 0.0
        var last = Date()
        while generation.load(ordering: .relaxed) == born {
            let current = mode.withLock { $0 }
            if current == .stall {
                Thread.sleep(forTimeInterval: 0.02)
                continue
            }
            if case let .jitter(maxDelay) = current, throttled {
                guard jitter(from: from, to: to, maxDelay: maxDelay, born: born) else { return }
                continue
            }
            var descriptor = pollfd(fd: from, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 20) >= 0 else { return }
            if descriptor.revents == 0 { continue }
            var wanted = buffer.count
            if case let .throttle(rate) = current, throttled {
                let now = Date()
                allowance = min(Double(rate), allowance + now.timeIntervalSince(last) * Double(rate))
                last = now
                wanted = min(wanted, Int(allowance))
                if wanted <= 0 {
                    Thread.sleep(forTimeInterval: 0.02)
                    continue
                }
            }
            let count = read(from, &buffer, wanted)
            guard count > 0 else { return }
            allowance -= Double(count)
            var sent = 0
            while sent < count {
                let written = buffer[sent..<count].withUnsafeBytes { write(to, $0.baseAddress, $0.count) }
                guard written > 0 else { return }
                sent += written
            }
        }
    }

    /// Forwards `from` to `to` while the mode is `.jitter`: each read is queued with a release time a random
    /// 0…`maxDelay` seconds ahead (never before the previous one's) and written when it is due. Returns false when
    /// a side closed.
    private func jitter(from: Int32, to: Int32, maxDelay: Double, born: Int) -> Bool {
        var queue: [(release: Double, bytes: [UInt8])] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        while generation.load(ordering: .relaxed) == born {
            let stillJitter = mode.withLock { if case .jitter = $0 { true } else { false } }
            if !stillJitter && queue.isEmpty { return true }
            let now = clock()
            while let first = queue.first, first.release <= now || !stillJitter {
                queue.removeFirst()
                var sent = 0
                while sent < first.bytes.count {
                    let written = first.bytes[sent...].withUnsafeBytes { write(to, $0.baseAddress, $0.count) }
                    guard written > 0 else { return false }
                    sent += written
                }
            }
            let wait = queue.first.map { max(0, min(0.02, $0.release - clock())) } ?? 0.02
            var descriptor = pollfd(fd: from, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32((wait * 1_000).rounded(.up))) >= 0 else { return false }
            if descriptor.revents == 0 || !stillJitter { continue }
            let count = read(from, &buffer, buffer.count)
            guard count > 0 else { return false }
            let release = max(queue.last?.release ?? 0, clock() + Double.random(in: 0...maxDelay))
            queue.append((release, Array(buffer[0..<count])))
        }
        return true
    }
}
