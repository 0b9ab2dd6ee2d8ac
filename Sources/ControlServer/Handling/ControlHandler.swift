import ControlProtocol

/// What the daemon plugs into the control server: it answers the calls the server does not answer itself.
///
/// By the time `handle` runs, the server has checked the call against the interface description (method,
/// parameter names and JSON kinds), the `more` requirement and the peer's role, so a handler decodes the typed
/// parameters and does the work. Calls on one connection are handled one at a time, in the order received.
public protocol ControlHandler: Sendable {
    /// Answers one call through `replies`.
    ///
    /// Send one reply; for a `more` call, send any number with `continues: true` and then a final one. If the
    /// client goes away, the server cancels the task running this method and `send` returns `false`, so a
    /// Monitor stream ends. Returning without a final reply makes the server answer `MethodNotImplemented`.
    func handle(_ call: VarlinkCall, from peer: PeerIdentity, replies: ReplyWriter) async

    /// Told about every call refused for lack of role (see the default implementation).
    func refused(_ call: VarlinkCall, from peer: PeerIdentity) async

    /// Answers at once, from state kept in memory, a call to a method the server's configuration lists in
    /// `methodsAnsweredFromMemory`, or returns `nil` to have it handled by `handle` as usual.
    ///
    /// The server calls this on the connection's event loop, after the same checks as for `handle` (interface,
    /// parameters, role), and only when no earlier call of the connection is still being answered, so replies
    /// keep their order. It must not block, wait or do I/O: taking a short lock is the most it may do.
    func answerFromMemory(_ call: VarlinkCall, from peer: PeerIdentity) -> PreparedReply?
}

extension ControlHandler {
    /// Called when the server refuses a call for lack of role, before it replies `PermissionDenied`; the daemon
    /// writes it to the audit log. Does nothing by default.
    public func refused(_ call: VarlinkCall, from peer: PeerIdentity) async {}

    /// Answers nothing from memory by default: every call goes to `handle`.
    public func answerFromMemory(_ call: VarlinkCall, from peer: PeerIdentity) -> PreparedReply? { nil }
}
