import NIOCore
import Synchronization

/// What the event loop and the task serving a connection both need to know about it.
///
/// The idle timer (on the event loop) must not close a connection while the server has its turn (a call in
/// progress, or a whole message passed on to the serving task and not yet answered, which a loaded machine may take
/// a while to start) or a message is arriving, and counts from the last whole message or the end of the server's
/// turn. The message timer (in the framing handler) bounds how long a message may take to arrive, but not during the
/// server's turn: the server reads no further while it serves one, so a message that waits behind it is not the
/// client's delay. The close callback must cancel the handler of the call in progress. All of them share this
/// object, guarded by one lock.
final class ConnectionState: Sendable {
    private struct State {
        var callInProgress = false
        var messagesWithServer = 0
        var lastActivity: NIODeadline
        var messageSince: NIODeadline?
        var closed = false
        var closedToMakeRoom = false
        var handlerTask: Task<Void, Never>?

        var serversTurn: Bool { callInProgress || messagesWithServer > 0 }

        /// The server's turn ended now: the idle clock and the arrival clock of a message waiting behind it start.
        mutating func endServersTurn() {
            let now = NIODeadline.now()
            lastActivity = now
            if messageSince != nil { messageSince = now }
        }
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

    /// Records that a whole message was passed on to the serving task (`MemoryCallHandler`).
    func messagePassedOn() {
        state.withLock { $0.messagesWithServer += 1 }
    }

    /// Records that the serving task is done with a message passed on: its final reply, or its end without one.
    func messageAnswered() {
        state.withLock { state in
            state.messagesWithServer -= 1
            if !state.serversTurn { state.endServersTurn() }
        }
    }

    /// When the connection became idle for timing purposes, or `nil` during the server's turn or while a message is
    /// arriving.
    var idleSince: NIODeadline? {
        state.withLock { $0.serversTurn || $0.messageSince != nil ? nil : $0.lastActivity }
    }

    /// Since when the message arriving has been on the client's clock: its first byte, or the end of the server's
    /// last turn if it began during one; `nil` during the server's turn or when no message is arriving.
    var messageArrivingSince: NIODeadline? {
        state.withLock { $0.serversTurn ? nil : $0.messageSince }
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
            state.callInProgress = false
            state.handlerTask = nil
            if !state.serversTurn { state.endServersTurn() }
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
