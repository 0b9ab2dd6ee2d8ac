import Synchronization

/// An ``UplinkStore`` in memory: for tests, and for clients that have nothing to keep across a restart (the
/// office's). It forgets everything when the process ends, which is exactly what a site's real store must not do.
public final class InMemoryUplinkStore: UplinkStore {
    private struct Contents {
        var entries: [OutboxEntry] = []
        var nextKey: Int64 = 1
        var session = 0
    }

    private let contents = Mutex(Contents())
    private let capacity: Int

    /// A store holding at most `capacity` messages, whose first session number is `firstSession`.
    public init(capacity: Int = 10_000, firstSession: Int = 1) {
        self.capacity = capacity
        contents.withLock { $0.session = firstSession - 1 }
    }

    /// Appends, or throws ``UplinkError/queueFull(limit:)`` when `capacity` messages are waiting.
    public func append(_ message: OutgoingMessage) throws -> OutboxEntry {
        try contents.withLock { contents throws(UplinkError) in
            guard contents.entries.count < capacity else { throw .queueFull(limit: capacity) }
            let entry = OutboxEntry(key: contents.nextKey, message: message)
            contents.nextKey += 1
            contents.entries.append(entry)
            return entry
        }
    }

    /// The oldest `limit` entries.
    public func pending(limit: Int) -> [OutboxEntry] {
        contents.withLock { Array($0.entries.prefix(max(0, limit))) }
    }

    /// Removes the entry with `key`, if it is still there.
    public func remove(key: Int64) {
        contents.withLock { $0.entries.removeAll { $0.key == key } }
    }

    /// One more than the last number.
    public func nextSessionNumber() -> Int {
        contents.withLock { contents in
            contents.session += 1
            return contents.session
        }
    }

    /// How many messages wait.
    public var count: Int { contents.withLock { $0.entries.count } }
}
