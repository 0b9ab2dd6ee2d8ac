#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// The Unix control socket's own I/O path: a thread that accepts connections and gives each one admitted by the
/// socket's connection budget a `UnixConnection` thread of its own. SwiftNIO's per-read machinery cost more than
/// the whole answer of a health poll (BENCHMARKS.md, issue 11); TLS stays on NIO.
final class UnixListener: Sendable {
    private struct Registry {
        var connections: [Int: UnixConnection] = [:]
        var stopped = false
        var drained: CheckedContinuation<Void, Never>?
    }

    /// The listening socket (non-blocking: the thread waits for it with `poll`).
    private let fd: Int32
    /// Only its wake-up pipe is used: it stops the accepting thread.
    private let stopPipe: UnixReplyMailbox
    private let registry = Mutex(Registry())

    /// Takes over a bound, listening socket.
    init(listening fd: Int32) throws(ControlServerError) {
        self.fd = fd
        stopPipe = try UnixReplyMailbox()
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    /// Accepts connections on a thread of its own until `stop()`, then ends every connection (each once the calls
    /// its client had sent are answered) and returns when all of them have; the listening socket is closed.
    func run(for server: ControlServer) async throws(ControlServerError) {
        try await DedicatedThread.run(name: "control-accept") { [self] in acceptUntilStopped(for: server) }
        close(fd)
        let connections = registry.withLock { registry in
            registry.stopped = true
            return Array(registry.connections.values)
        }
        for connection in connections { connection.stop() }
        await withCheckedContinuation { continuation in
            let empty = registry.withLock { registry in
                if registry.connections.isEmpty { return true }
                registry.drained = continuation
                return false
            }
            if empty { continuation.resume() }
        }
    }

    /// Closes the listening socket of a listener that will never run (the TLS listener failed to start).
    func abandon() {
        close(fd)
    }

    /// Stops accepting; `run` then ends the connections.
    func stop() {
        stopPipe.wake()
    }

    private func acceptUntilStopped(for server: ControlServer) {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stopPipe.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            if poll(&fds, 2, -1) < 0, errno == EINTR { continue }
            if fds[1].revents != 0 { return }
            // Accepted sockets do not inherit the listener's O_NONBLOCK, so their threads' reads block.
            let client = accept(fd, nil, nil)
            if client >= 0 {
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                admit(client, for: server)
                continue
            }
            switch errno {
            case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO:
                continue
            default:
                // Out of descriptors or memory: the pending connection stays queued, so wait a moment (or for the
                // stop) rather than spin on it.
                server.logger.warning(
                    "cannot accept a control connection", metadata: ["error": "\(SystemErrorText.text(for: errno))"]
                )
                var stop = [fds[1]]
                _ = poll(&stop, 1, 100)
                if stop[0].revents != 0 { return }
            }
        }
    }

    /// Serves `client` on a thread of its own if the socket's budget has room, or closes it at once.
    private func admit(_ client: Int32, for server: ControlServer) {
        let id = server.nextConnectionID()
        if let refusal = server.budget.admitUnix(id) {
            close(client)
            server.refusals.record(refusal, connection: id, remote: nil)
            return
        }
        do throws(ControlServerError) {
            guard let credentials = UnixSocketIO.peerCredentials(client) else {
                throw .peerCredentialsUnavailable
            }
            let connection = try UnixConnection(id: id, fd: client, credentials: credentials, server: server)
            registry.withLock { $0.connections[id] = connection }
            try DedicatedThread.start(name: "control-conn") { [self] in
                connection.run()
                finished(id, budget: server.budget)
            }
        } catch {
            registry.withLock { _ = $0.connections.removeValue(forKey: id) }
            close(client)
            server.budget.release(id)
            server.logger.warning("refusing a control connection", metadata: ["conn": "\(id)", "reason": "\(error)"])
        }
    }

    private func finished(_ id: Int, budget: ConnectionBudget) {
        budget.release(id)
        let drained = registry.withLock { registry -> CheckedContinuation<Void, Never>? in
            registry.connections.removeValue(forKey: id)
            guard registry.stopped, registry.connections.isEmpty else { return nil }
            defer { registry.drained = nil }
            return registry.drained
        }
        drained?.resume()
    }
}
