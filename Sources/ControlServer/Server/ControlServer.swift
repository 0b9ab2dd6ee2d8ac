#if canImport(Glibc)
import Glibc
#endif
import ControlProtocol
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The daemon's control endpoint: a varlink server on a Unix socket, and optionally a mutual-TLS TCP listener, that
/// identifies each peer, enforces the limits of DESIGN §5, answers `org.varlink.service` itself and hands every
/// other call to a `ControlHandler`.
///
/// `run()` serves until its task is cancelled or `shutdown()` is called; then it stops accepting, ends every
/// connection (cancelling handlers still running) and removes the socket file it created.
public final class ControlServer: Sendable {
    /// Where the server is in its life.
    private enum Phase {
        case idle
        case binding
        case listening(unix: UnixListener, tls: Channel?)
        case stopped
    }

    private struct Lifecycle {
        var phase = Phase.idle
        var shutdownRequested = false
        var listeningWaiters: [CheckedContinuation<Void, any Error>] = []
        var startupError: ControlServerError?
    }

    let configuration: ServerConfiguration
    let handler: any ControlHandler
    let logger: Logger
    let router: CallRouter
    /// The connection budgets of the two doors.
    let budget: ConnectionBudget
    /// Logs connections refused for want of a budget, at a bounded rate.
    let refusals: RefusalLog
    private let lifecycle = Mutex(Lifecycle())
    private let connectionCounter = Atomic<Int>(0)
    /// How many connections each listener queues before accepting them.
    private static let backlog: Int32 = 128

    /// Prepares a server; nothing is opened until `run()`.
    public init(
        configuration: ServerConfiguration,
        handler: any ControlHandler,
        logger: Logger
    ) throws(ControlServerError) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        budget = ConnectionBudget(.init(
            unix: configuration.maxConnections, tlsClients: configuration.maxTLSClients,
            handshakes: configuration.maxTLSHandshakes, handshakesPerAddress: configuration.maxTLSHandshakesPerAddress
        ))
        refusals = RefusalLog(
            interval: configuration.refusalLogInterval, eventLoop: MultiThreadedEventLoopGroup.singleton.next(),
            logger: logger
        )
        do {
            router = try CallRouter(configuration: configuration)
        } catch {
            throw .invalidInterface(error.description)
        }
    }

    /// Binds the socket (and the TLS listener, if configured) and serves connections until cancelled or shut down,
    /// then cleans up.
    public func run() async throws {
        try lifecycle.withLock { state throws(ControlServerError) in
            guard case .idle = state.phase else { throw .alreadyRunning }
            state.phase = .binding
        }
        let unix: UnixListener
        let tls: NIOAsyncChannel<AcceptedConnection, Never>?
        do {
            (unix, tls) = try await bindAll()
        } catch {
            let failure = (error as? ControlServerError)
                ?? .bindFailed(path: configuration.socketPath, reason: "\(error)")
            finishStartup(failure)
            throw failure
        }
        let stopAtOnce = lifecycle.withLock { state in
            state.phase = .listening(unix: unix, tls: tls?.channel)
            return state.shutdownRequested
        }
        finishStartup(nil)
        var metadata: Logger.Metadata = ["socket": "\(configuration.socketPath)"]
        if let address = tlsAddress { metadata["tls"] = "\(address)" }
        logger.info("control server listening", metadata: metadata)
        if stopAtOnce {
            unix.stop()
            tls?.channel.close(promise: nil)
        }
        defer { cleanUp() }
        try await withThrowingDiscardingTaskGroup { [self] group in
            group.addTask { [self] in
                try await withTaskCancellationHandler {
                    try await unix.run(for: self)
                } onCancel: {
                    unix.stop()
                }
            }
            if let tls {
                group.addTask { [self] in try await serve(tls) }
            }
        }
    }

    /// The TLS listener's bound address as `host:port` once listening (with the port the system chose, if the
    /// configuration said 0), or `nil` without a TLS listener.
    public var tlsAddress: String? {
        lifecycle.withLock { state in
            guard case .listening(_, let tls?) = state.phase else { return nil }
            return Self.describe(tls.localAddress)
        }
    }

    /// Accepts one listener's connections until it closes, then ends the connections it accepted.
    private func serve(_ listener: NIOAsyncChannel<AcceptedConnection, Never>) async throws {
        try await withThrowingDiscardingTaskGroup { [self] group in
            try await listener.executeThenClose { [self] connections in
                for try await connection in connections {
                    accept(connection, into: &group)
                }
            }
            group.cancelAll()
        }
    }

    /// Stops accepting connections and ends `run()`; returns at once if the server is not running.
    public func shutdown() async {
        let listeners = lifecycle.withLock { state -> (UnixListener, Channel?)? in
            state.shutdownRequested = true
            if case .listening(let unix, let tls) = state.phase { return (unix, tls) }
            return nil
        }
        guard let (unix, tls) = listeners else { return }
        unix.stop()
        try? await tls?.close()
    }

    /// Returns once the socket is listening; throws if `run()` failed to bind or stopped first.
    public func waitUntilListening() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready: Result<Void, ControlServerError>? = lifecycle.withLock { state in
                switch state.phase {
                case .listening: return .success(())
                case .stopped: return .failure(state.startupError ?? .stoppedBeforeListening)
                case .idle, .binding:
                    state.listeningWaiters.append(continuation)
                    return nil
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Opens every listener, or none: if the TLS listener cannot bind, the Unix socket is closed and removed again.
    private func bindAll() async throws -> (unix: UnixListener, tls: NIOAsyncChannel<AcceptedConnection, Never>?) {
        let unix = try bindUnix()
        guard let tls = configuration.tls else { return (unix, nil) }
        do {
            return (unix, try await bindTLS(tls))
        } catch {
            unix.abandon()
            if configuration.listenFD == nil { SocketFile.remove(configuration.socketPath, logger: logger) }
            throw error
        }
    }

    private func bootstrap() -> ServerBootstrap {
        ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: Self.backlog)
            .childChannelOption(.autoRead, value: false)
    }

    /// Opens the Unix listening socket: the inherited one, or a fresh one at `socketPath`.
    private func bindUnix() throws(ControlServerError) -> UnixListener {
        if let listenFD = configuration.listenFD { return try UnixListener(listening: listenFD) }
        let path = configuration.socketPath
        try SocketFile.createParentDirectory(of: path)
        // Bound under a staging name and moved into place with its mode and group set, so no client ever finds the
        // socket listening with the umask's permissions (an operator in the group would be refused meanwhile).
        let staging = SocketFile.stagingPath(for: path)
        let fd = try UnixSocketIO.listen(at: staging, backlog: Self.backlog)
        do throws(ControlServerError) {
            try SocketFile.applyPermissions(
                path: staging, mode: configuration.socketMode, groupName: configuration.socketGroup, logger: logger
            )
            try SocketFile.move(staging, to: path)
            return try UnixListener(listening: fd)
        } catch {
            close(fd)
            SocketFile.remove(staging, logger: logger)
            throw error
        }
    }

    /// Opens the TCP listener whose connections speak TLS.
    private func bindTLS(_ tls: TLSListenerConfiguration) async throws -> NIOAsyncChannel<AcceptedConnection, Never> {
        do {
            return try await bootstrap()
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: tls.host, port: tls.port) { [self] channel in
                    makeTLSConnection(channel, tls: tls)
                }
        } catch {
            let address = tls.host.contains(":") ? "[\(tls.host)]:\(tls.port)" : "\(tls.host):\(tls.port)"
            throw ControlServerError.tlsBindFailed(address: address, reason: "\(error)")
        }
    }

    /// Wakes everyone waiting for the server to listen, with the startup error if there was one.
    private func finishStartup(_ error: ControlServerError?) {
        let waiters = lifecycle.withLock { state in
            if let error {
                state.phase = .stopped
                state.startupError = error
            }
            defer { state.listeningWaiters = [] }
            return state.listeningWaiters
        }
        for waiter in waiters {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    /// A number for a new connection, for its budget slot and its log lines; the oldest has the lowest.
    func nextConnectionID() -> Int {
        connectionCounter.add(1, ordering: .relaxed).newValue
    }

    private func cleanUp() {
        lifecycle.withLock { $0.phase = .stopped }
        if configuration.listenFD == nil { SocketFile.remove(configuration.socketPath, logger: logger) }
        logger.info("control server stopped", metadata: ["socket": "\(configuration.socketPath)"])
    }

    /// Starts serving a new connection if its door's budget has room, or closes it at once. A TLS connection that
    /// takes the slot of the oldest handshake in progress closes that one.
    private func accept(_ connection: AcceptedConnection, into group: inout ThrowingDiscardingTaskGroup<any Error>) {
        let id = nextConnectionID()
        let channel = connection.channel
        switch connection.origin {
        case .tls(_, let remote, let address):
            let state = connection.state
            let close: @Sendable () -> Void = {
                state.markClosedToMakeRoom()
                channel.close(promise: nil)
            }
            switch budget.admitHandshake(id, address: address ?? remote, close: close) {
            case .refused(let refusal):
                refuse(connection, id: id, reason: refusal, remote: remote)
                return
            case .admitted(let evicted):
                if let evicted {
                    refusals.record(.oldestHandshakeClosed(limit: configuration.maxTLSHandshakes),
                                    connection: evicted.id, remote: evicted.address)
                    evicted.close()
                }
            }
        }
        let budget = budget
        channel.closeFuture.whenComplete { _ in budget.release(id) }
        group.addTask { [self] in
            await serve(connection, id: id)
        }
    }

    private func refuse(_ connection: AcceptedConnection, id: Int, reason: RefusalReason, remote: String?) {
        connection.claim()
        refusals.record(reason, connection: id, remote: remote)
        connection.channel.close(promise: nil)
    }
}
