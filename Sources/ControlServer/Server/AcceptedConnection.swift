import NIOCore
import Synchronization

/// A TLS connection as the event loop hands it to the server's task: the channel with its framing and idle timer in
/// place but not yet reading, what vouches for the peer (the TLS handshake still to come), and the state shared with
/// its idle timer. (The Unix socket has its own path: `UnixListener`.)
///
/// NIO drops an accepted connection's value, while still opening the connection, when the listener closes
/// between the accept and the delivery. So the channel is wrapped in a `NIOAsyncChannel` only by the task that
/// serves it (an async channel dropped unserved traps), and a connection released without being claimed is
/// closed at once rather than left open with nobody serving it.
final class AcceptedConnection: Sendable {
    /// Which listener accepted the connection, and what it learnt about the peer.
    enum Origin: Sendable {
        /// The TLS listener: the handshake's outcome (it only progresses once the connection is read), the
        /// client's address and port for the log, and its address alone for the per-address handshake budget.
        case tls(handshake: EventLoopFuture<ClientCertificate>, remote: String, address: String?)
    }

    /// The accepted socket, with `autoRead` off until it is served.
    let channel: Channel
    /// Who vouches for the peer.
    let origin: Origin
    /// Shared with the connection's `IdleTimeoutHandler` and its close callback.
    let state: ConnectionState
    private let claimed = Atomic<Bool>(false)

    /// Wraps an accepted channel whose pipeline is ready.
    init(channel: Channel, origin: Origin, state: ConnectionState) {
        self.channel = channel
        self.origin = origin
        self.state = state
    }

    /// Records that a task serves (or has closed) the connection, so releasing this value leaves it alone.
    func claim() {
        claimed.store(true, ordering: .releasing)
    }

    deinit {
        if !claimed.load(ordering: .acquiring) { channel.close(promise: nil) }
    }
}
