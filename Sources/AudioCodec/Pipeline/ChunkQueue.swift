import HostSystem
import Synchronization

/// A bounded hand-off of chunks from one thread to another, so two stages of an import run on both cores: samples
/// from the decoding thread to the resampling one, encoded bytes from the encoder to the decoder that checks them,
/// the limiter's speculative pass to the encoder. The bound keeps memory flat when one side is faster.
///
/// One producer and one consumer: the state is in a `Mutex`, and each side sleeps on its own `WakeSignal` (room for
/// the producer, a chunk or the end for the consumer), so neither waits while holding the lock.
final class ChunkQueue<Chunk: Sendable>: Sendable {
    private struct State {
        var chunks: [Chunk] = []
        var finished = false
        var abandoned = false
    }

    private let state = Mutex(State())
    private let capacity: Int
    /// Wakes the producer when a chunk was taken or the hand-off ended.
    private let room = WakeSignal()
    /// Wakes the consumer when a chunk arrived or the hand-off ended.
    private let arrival = WakeSignal()

    init(capacity: Int) { self.capacity = capacity }

    /// Hands over a chunk, waiting while the queue is full; dropped once the queue is abandoned.
    func put(_ chunk: Chunk) {
        while true {
            let done = state.withLock { state -> Bool in
                guard state.chunks.count < capacity || state.finished else { return false }
                if !state.abandoned { state.chunks.append(chunk) }
                return true
            }
            if done {
                arrival.wake()
                return
            }
            room.sleep(seconds: 1)
        }
    }

    /// Marks the end; `take` returns nil once the queue is drained.
    func finish() {
        state.withLock { $0.finished = true }
        arrival.wake()
        room.wake()
    }

    /// Ends the hand-off early, unless it already ended: what is queued is dropped, `take` returns nil and `put`
    /// keeps nothing, so a consumer whose work turned out to be unneeded stops and its producer never waits.
    func abandon() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            state.abandoned = true
            state.chunks.removeAll()
        }
        arrival.wake()
        room.wake()
    }

    /// The next chunk, or nil at the end.
    func take() -> Chunk? {
        while true {
            let (chunk, ended) = state.withLock { state -> (Chunk?, Bool) in
                if !state.chunks.isEmpty { return (state.chunks.removeFirst(), false) }
                return (nil, state.finished)
            }
            if let chunk {
                room.wake()
                return chunk
            }
            if ended { return nil }
            arrival.sleep(seconds: 1)
        }
    }
}
