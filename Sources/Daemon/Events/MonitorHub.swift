import ControlProtocol
import Foundation

/// Fans events out to every `Monitor` call. Each subscriber has a bounded buffer: a client too slow to read loses the
/// oldest events rather than holding up the audio thread or growing memory without limit.
final class MonitorHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Site.Event>.Continuation] = [:]

    /// A new subscription; it ends when the returned stream is dropped or the hub finishes.
    func subscribe() -> AsyncStream<Site.Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Site.Event>.makeStream(bufferingPolicy: .bufferingNewest(256))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.withLock { _ = self.subscribers.removeValue(forKey: id) }
        }
        lock.withLock { subscribers[id] = continuation }
        return stream
    }

    /// Delivers an event to every subscriber.
    func publish(_ event: Site.Event) {
        let targets = lock.withLock { Array(subscribers.values) }
        for target in targets { target.yield(event) }
    }

    /// Number of live subscriptions.
    var count: Int { lock.withLock { subscribers.count } }

    /// Ends every subscription (daemon shutdown).
    func finish() {
        let targets = lock.withLock { Array(subscribers.values) }
        for target in targets { target.finish() }
    }
}
