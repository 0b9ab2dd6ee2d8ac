import ControlProtocol
import Synchronization

/// One `Monitor` call's queue of events: bounded, so that a client that stops reading costs a fixed amount of memory,
/// and honest, so that it learns how many events it missed rather than losing them silently (issue 12).
///
/// When the queue is full the oldest event is dropped and counted. The consumer then gets, before the oldest event
/// kept, a `.gap` with the count: the events it missed are exactly those between what it read last and what it reads
/// next. The queue is guarded by a lock; a doorbell stream wakes the consumer, and ends its loop when the task is
/// cancelled or the subscription finishes.
final class MonitorSubscription: AsyncSequence, Sendable {
    /// What the consumer takes next.
    enum Item: Sendable, Equatable {
        /// An event, in the order published.
        case event(Site.Event)
        /// `lost` events were dropped here, unread.
        case gap(lost: Int)
    }

    private struct Queue {
        var events: [Site.Event] = []
        var lost = 0
    }

    /// A number for the log, to tell clients apart.
    let id: Int
    private let capacity: Int
    private let queue = Mutex(Queue())
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    /// Creates an empty subscription holding at most `capacity` events; `onEnd` runs once when it ends.
    init(id: Int, capacity: Int, onEnd: @escaping @Sendable () -> Void) {
        self.id = id
        self.capacity = capacity
        (doorbell, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        ring.onTermination = { _ in onEnd() }
    }

    /// Queues an event, dropping the oldest if the queue is full; returns `true` when this starts a run of drops
    /// (the first since the consumer last took a gap), so the hub logs it once.
    @discardableResult
    func offer(_ event: Site.Event) -> Bool {
        let startsDropping = queue.withLock { queue in
            queue.events.append(event)
            guard queue.events.count > capacity else { return false }
            queue.events.removeFirst()
            queue.lost += 1
            return queue.lost == 1
        }
        ring.yield()
        return startsDropping
    }

    /// The next item if there is one: the gap first, if events were dropped.
    func take() -> Item? {
        queue.withLock { queue in
            if queue.lost > 0 {
                defer { queue.lost = 0 }
                return .gap(lost: queue.lost)
            }
            guard !queue.events.isEmpty else { return nil }
            return .event(queue.events.removeFirst())
        }
    }

    /// Ends the subscription: the consumer gets what is queued, then the end.
    func finish() {
        ring.finish()
    }

    /// Takes items as they come, until the subscription finishes (after what is queued) or the task is cancelled.
    struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let subscription: MonitorSubscription
        fileprivate var bell: AsyncStream<Void>.Iterator

        /// The next item, waiting for one.
        mutating func next() async -> Item? {
            while true {
                if let item = subscription.take() { return item }
                guard await bell.next() != nil else { return subscription.take() }
            }
        }
    }

    /// Iterates the subscription; only one consumer may.
    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self, bell: doorbell.makeAsyncIterator())
    }
}
