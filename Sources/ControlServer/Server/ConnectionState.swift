import NIOCore
import Synchronization

/// What the event loop and the task serving a connection both need to know about it.
///
/// The idle timer (on the event loop) must not close a connection while a call is in progress, and must count
/// from the last byte or the end of the last call. The close callback must cancel the handler of the call in
/// progress. Both sides share this object, guarded by one lock.
final class ConnectionState: Sendable {
    private struct State {
        var callInProgress = false
        var lastActivity: NIODeadline
        var closed = false
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

    /// Records that bytes arrived.
    func touch() {
        state.withLock { $0.lastActivity = .now() }
    }

    /// When the connection becomes idle for timing purposes, or `nil` while a call is in progress.
    var idleSince: NIODeadline? {
        state.withLock { $0.callInProgress ? nil : $0.lastActivity }
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
            state.lastActivity = .now()
        }
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
