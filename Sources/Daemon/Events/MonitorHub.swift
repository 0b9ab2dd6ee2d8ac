import ControlProtocol
import Logging
import Synchronization

/// Fans events out to every `Monitor` call. Each subscriber has a bounded queue (`MonitorSubscription`): a client too
/// slow to read loses its oldest events rather than holding up the audio thread or growing memory without limit,
/// and is told how many it lost when it reads again.
final class MonitorHub: Sendable {
    /// Events kept for one client that does not read.
    static let defaultCapacity = 256

    private let subscribers = Mutex<[Int: MonitorSubscription]>([:])
    private let nextID = Atomic<Int>(0)
    private let capacity: Int
    private let logger: Logger

    /// Creates a hub whose subscribers keep at most `capacity` unread events each.
    init(capacity: Int = MonitorHub.defaultCapacity, logger: Logger) {
        self.capacity = capacity
        self.logger = logger
    }

    /// A new subscription; it ends when the hub finishes or the subscriber calls `finish()` on it, or the task
    /// iterating it is cancelled.
    func subscribe() -> MonitorSubscription {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let subscription = MonitorSubscription(id: id, capacity: capacity) { [weak self] in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = subscription }
        return subscription
    }

    /// Delivers an event to every subscriber.
    func publish(_ event: Site.Event) {
        let targets = subscribers.withLock { Array($0.values) }
        for target in targets where target.offer(event) {
            logger.warning("a Monitor client is not reading its events; dropping its oldest", metadata: [
                "monitor": "\(target.id)", "kept": "\(capacity)",
            ])
        }
    }

    /// Number of live subscriptions.
    var count: Int { subscribers.withLock { $0.count } }

    /// Ends every subscription (daemon shutdown).
    func finish() {
        let targets = subscribers.withLock { Array($0.values) }
        for target in targets { target.finish() }
    }
}
