import NIOCore

/// A connection as the event loop hands it to the server's task: the async channel of whole messages, the
/// kernel's credentials for the peer, and the state shared with its idle timer.
struct AcceptedConnection: Sendable {
    /// Whole varlink messages in; reply frames out.
    var channel: NIOAsyncChannel<[UInt8], ByteBuffer>
    /// The peer's SO_PEERCRED credentials.
    var credentials: PeerCredentials
    /// Shared with the connection's `IdleTimeoutHandler` and its close callback.
    var state: ConnectionState
}
