import Foundation

/// A bounded hand-off of chunks from one thread to another, so two stages of an import run on both cores: samples
/// from the decoding thread to the resampling one, encoded bytes from the encoder to the decoder that checks them,
/// the limiter's speculative pass to the encoder. The bound keeps memory flat when one side is faster.
final class ChunkQueue<Chunk>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [Chunk] = []
    private var finished = false
    private var abandoned = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Hands over a chunk, waiting while the queue is full; dropped once the queue is abandoned.
    func put(_ chunk: Chunk) {
        condition.lock()
        while chunks.count >= capacity && !finished { condition.wait() }
        if !abandoned { chunks.append(chunk) }
        condition.broadcast()
        condition.unlock()
    }

    /// Marks the end; `take` returns nil once the queue is drained.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the hand-off early, unless it already ended: what is queued is dropped, `take` returns nil and `put`
    /// keeps nothing, so a consumer whose work turned out to be unneeded stops and its producer never waits.
    func abandon() {
        condition.lock()
        if !finished {
            finished = true
            abandoned = true
            chunks.removeAll()
        }
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, or nil at the end.
    func take() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }
}
