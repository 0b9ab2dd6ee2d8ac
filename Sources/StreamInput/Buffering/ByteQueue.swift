import BroadcastModel
import Dispatch
import Foundation
import Synchronization

/// The bytes of one HTTP response between SwiftNIO's event loop, which appends them as they arrive, and the stream's
/// reading thread, which blocks in `read` (libopusfile's read callback) with a deadline: a stall is seen as a read
/// that times out, never as a thread stuck forever.
final class ByteQueue: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var offset = 0
        /// Set once the response's head was accepted.
        var answered = false
        /// Why the response ended; nil while it goes on.
        var ending: StreamFailure?
        /// When bytes last arrived, seconds on the clock's monotonic `uptime()`.
        var lastArrival: Double
        var received = 0
    }

    private let state: Mutex<State>
    private let signal = DispatchSemaphore(value: 0)
    /// The site's clock: its `uptime()` times arrivals and stalls.
    let clock: any Clock

    /// An empty queue timed by `clock`.
    init(clock: any Clock) {
        self.clock = clock
        state = Mutex(State(lastArrival: clock.uptime()))
    }

    /// Seconds on the clock's monotonic time.
    func now() -> Double { clock.uptime() }

    /// Records that the server's answer was a stream.
    func accept() {
        state.withLock {
            $0.answered = true
            $0.lastArrival = now()
        }
        signal.signal()
    }

    /// Appends bytes from the network.
    func append(_ bytes: some Collection<UInt8>) {
        state.withLock { state in
            if state.offset > 65_536 {
                state.bytes.removeFirst(state.offset)
                state.offset = 0
            }
            state.bytes.append(contentsOf: bytes)
            state.received += bytes.count
            state.lastArrival = now()
        }
        signal.signal()
    }

    /// Ends the response with `failure` (`.closed` for a clean end); the first ending wins.
    func finish(_ failure: StreamFailure) {
        state.withLock { state in
            if state.ending == nil { state.ending = failure }
        }
        signal.signal()
    }

    /// Bytes received so far.
    var received: Int { state.withLock { $0.received } }
    /// When bytes last arrived (or the answer did), monotonic seconds: where a stall began.
    var lastArrival: Double { state.withLock { $0.lastArrival } }

    /// Waits until the answer was accepted or the response ended, up to `deadline` (monotonic seconds).
    func waitForAnswer(until deadline: Double) -> StreamFailure? {
        while true {
            let (answered, ending) = state.withLock { ($0.answered, $0.ending) }
            if let ending { return ending }
            if answered { return nil }
            let left = deadline - now()
            if left <= 0 { return .timedOut(seconds: 0, waitingFor: "answer from the server") }
            _ = signal.wait(timeout: .now() + left)
        }
    }

    /// Copies up to `buffer.count` bytes, waiting for at least one while the response goes on. Returns the count, or
    /// throws the response's ending, or `.stalled` when nothing arrived for `stallTimeout` seconds.
    func read(into buffer: UnsafeMutableRawBufferPointer, stallTimeout: Double) throws(StreamFailure) -> Int {
        while true {
            let outcome: (count: Int, ending: StreamFailure?, last: Double) = state.withLock { state in
                let available = state.bytes.count - state.offset
                guard available == 0 else {
                    let count = min(available, buffer.count)
                    let start = state.offset
                    state.bytes.withUnsafeBytes { bytes in
                        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
                    }
                    state.offset += count
                    return (count, nil, state.lastArrival)
                }
                return (0, state.ending, state.lastArrival)
            }
            if outcome.count > 0 { return outcome.count }
            if let ending = outcome.ending { throw ending }
            let left = outcome.last + stallTimeout - now()
            if left <= 0 { throw .stalled(seconds: stallTimeout) }
            _ = signal.wait(timeout: .now() + left)
        }
    }
}
