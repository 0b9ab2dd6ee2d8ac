import Synchronization

/// What the client's callers and the uplink's thread share: the requests waiting for the thread, the count of
/// messages not yet resolved (the bounded queue), the state, and who waits for the thread to end.
final class UplinkShared: Sendable {
    /// The shared fields, under one lock.
    struct Fields {
        /// Requests the thread has not taken yet.
        var requests: [UplinkRequest] = []
        /// Publishes accepted and not yet resolved (waiting, in flight): the bounded queue's length.
        var outstanding = 0
        /// The state, as the thread last set it.
        var state = UplinkState.idle
        /// The loop thread's kernel thread id, once it runs.
        var threadID: Int32?
        /// `run()` was called.
        var started = false
        /// `stop()` was called; new publishes are refused.
        var stopRequested = false
        /// The thread has ended.
        var finished = false
        /// Callers of `stop()` waiting for the end.
        var finishWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The fields.
    let fields = Mutex(Fields())
    /// Wakes the thread.
    let wake: WakePipe

    /// Shared state with a fresh wake-up pipe.
    init() throws(UplinkError) {
        wake = try WakePipe()
    }

    /// Queues `request` for the thread and wakes it.
    func send(_ request: UplinkRequest) {
        fields.withLock { $0.requests.append(request) }
        wake.signal()
    }

    /// One publish is resolved: it no longer counts against the queue.
    func resolved() {
        fields.withLock { $0.outstanding -= 1 }
    }
}
