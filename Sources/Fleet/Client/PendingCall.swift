import ControlProtocol

/// A call on its way to the daemon, with the callbacks that receive its replies on the event loop.
///
/// Callbacks rather than one stream type let `VarlinkClient` deliver raw replies to `callRaw` and typed,
/// decoded ones to `stream` without a task in between.
struct PendingCall: Sendable {
    /// The call's frame, NUL included.
    var frame: [UInt8]
    /// Receives each reply in order; the call is over after the one whose `continues` is false.
    var receive: (@Sendable (VarlinkReply) -> Void)?
    /// Told why the connection failed before the final reply arrived.
    var fail: @Sendable (ClientError) -> Void

    /// Whether the call waits for replies: `oneway` calls do not.
    var expectsReply: Bool {
        receive != nil
    }
}
