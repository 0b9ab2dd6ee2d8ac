/// A message in a site's outbox, with the key the store gave it (increasing in the order of `append`).
public struct OutboxEntry: Sendable, Equatable {
    /// The store's key.
    public let key: Int64
    /// The message to publish.
    public let message: OutgoingMessage

    /// An entry.
    public init(key: Int64, message: OutgoingMessage) {
        self.key = key
        self.message = message
    }
}
