import NIOCore
import Synchronization

/// What the event loop and the task serving a connection both need to know about it.
///
/// The idle timer (on the event loop) must not close a connection while a call is in progress or a message is
/// arriving, and counts from the last whole message or the end of the last call. The message timer (in the framing
/// handler) bounds how long a message may take to arrive, but not while a call is in progress: the server reads no
/// further while it serves one, so a message that waits behind it is not the client's delay. The close callback
/// must cancel the handler of the call in progress. All of them share this object, guarded by one lock.
final class ConnectionState: Sendable {
    private struct State {
        var callInProgress = false
        var lastActivity: NIODeadline
        var messageSince: NIODeadline?
        var closed = false
        var closedToMakeRoom = false
        var handlerTask: Task<Void, Never>?
    }

    private let state: Mutex<State>

    /// Starts the idle clock now.
    init() {
        state = Mutex(State(lastActivity: .now()))
    }

    /// Whether the connection has closed.
    var isClosed: Bool {
        state.withLock { $0.closed }
    }

    /// Records that the first bytes of a message arrived.
    func messageStarted() {
        state.withLock { $0.messageSince = .now() }
    }

    /// Records that the message arriving is whole (and no other has begun).
    func messageEnded() {
        state.withLock { state in
            state.messageSince = nil
            state.lastActivity = .now()
        }
    }

    /// When the connection became idle for timing purposes, or `nil` while a call is in progress or a message is
    /// arriving.
    var idleSince: NIODeadline? {
        state.withLock { $0.callInProgress || $0.messageSince != nil ? nil : $0.lastActivity }
    }

    /// Since when the message arriving has been on the client's clock: its first byte, or the end of the last
    /// call if it began during one; `nil` while a call is in progress or no message is arriving.
    var messageArrivingSince: NIODeadline? {
        state.withLock { $0.callInProgress ? nil : $0.messageSince }
    }

    /// Runs `body` as the connection's call in progress: the idle timer is held off, and the handler task is
    /// cancelled if the connection closes meanwhile (or at once, if it already has).
    func runCall(_ body: @escaping @Sendable () async -> Void) async {
        let task = Task { await body() }
        let closed = state.withLock { state in
            state.callInProgress = true
            state.handlerTask = task
            return state.closed
        }
        if closed { task.cancel() }
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        state.withLock { state in
            let now = NIODeadline.now()
            state.callInProgress = false
            state.handlerTask = nil
            state.lastActivity = now
            if state.messageSince != nil { state.messageSince = now }
        }
    }

    /// Whether the server closed the connection, still in its TLS handshake, to give its slot to a newer one; the
    /// refusal log has counted it, so its end is not logged again.
    var wasClosedToMakeRoom: Bool {
        state.withLock { $0.closedToMakeRoom }
    }

    /// Records that the connection is being closed to give its handshake slot to a newer one.
    func markClosedToMakeRoom() {
        state.withLock { $0.closedToMakeRoom = true }
    }

    /// Records that the connection closed and cancels the handler of the call in progress.
    func markClosed() {
        let task = state.withLock { state in
            state.closed = true
            return state.handlerTask
        }
        task?.cancel()
    }
}
