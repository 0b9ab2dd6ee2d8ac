#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Synchronization

/// Where the task running a handler leaves its replies for the thread serving a Unix connection, which writes them
/// in order and tells each `send` whether its reply went out, so a stream waits for a slow client.
///
/// A pipe wakes the thread: it waits on it with `poll`, beside the socket, to notice the client leaving meanwhile.
final class UnixReplyMailbox: Sendable {
    /// One reply waiting to be written, and the `send` waiting for it.
    struct Delivery: Sendable {
        /// The encoded reply.
        let frame: ByteBuffer
        /// Resumed with whether the reply was written.
        let written: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var deliveries: [Delivery] = []
        var callEnded = false
        var closed = false
    }

    private let state = Mutex(State())
    /// The pipe's reading end, which the thread polls.
    let wakeDescriptor: Int32
    private let wakeWriter: Int32

    /// Opens the wake-up pipe.
    init() throws(ControlServerError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw .threadUnavailable(reason: "no pipe to wake it: \(SystemErrorText.text(for: errno))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        wakeDescriptor = ends[0]
        wakeWriter = ends[1]
    }

    deinit {
        Glibc.close(wakeDescriptor)
        Glibc.close(wakeWriter)
    }

    /// Hands a reply to the thread and waits until it is written; `false` if the connection is gone.
    func deliver(_ frame: ByteBuffer) async -> Bool {
        await withCheckedContinuation { continuation in
            let accepted = state.withLock { state in
                guard !state.closed else { return false }
                state.deliveries.append(Delivery(frame: frame, written: continuation))
                return true
            }
            if accepted { wake() } else { continuation.resume(returning: false) }
        }
    }

    /// Records that the handler's task is done with the call in progress.
    func endCall() {
        state.withLock { $0.callEnded = true }
        wake()
    }

    /// Takes the replies waiting, and whether the call has ended (which then starts the next one afresh).
    func take() -> (deliveries: [Delivery], callEnded: Bool) {
        state.withLock { state in
            defer {
                state.deliveries = []
                state.callEnded = false
            }
            return (state.deliveries, state.callEnded)
        }
    }

    /// Refuses every later reply: the connection is gone.
    func close() {
        let left = state.withLock { state in
            state.closed = true
            defer { state.deliveries = [] }
            return state.deliveries
        }
        for delivery in left { delivery.written.resume(returning: false) }
    }

    /// Wakes the thread from its `poll`.
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Empties the pipe before the thread looks at what woke it.
    func drain() {
        var bytes = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(wakeDescriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
