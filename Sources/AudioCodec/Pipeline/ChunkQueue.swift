import Foundation

/// A bounded hand-off of sample chunks from the decoding thread to the resampling one, so the two stages of an
/// import run on both cores; the bound keeps memory flat when one side is faster.
final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[Float]] = []
    private var finished = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Hands over a chunk, waiting while the queue is full.
    func put(_ chunk: [Float]) {
        condition.lock()
        while chunks.count >= capacity && !finished { condition.wait() }
        chunks.append(chunk)
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

    /// The next chunk, or nil at the end.
    func take() -> [Float]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }
}
