/// What a site's uplink keeps across a restart. The daemon implements it in its SQLite store (stage 2 of issue 15);
/// ``InMemoryUplinkStore`` stands in for tests and for the office's short-lived clients.
///
/// - The **outbox**: messages that must reach the broker even if the daemon stops first (events: an alert received,
///   aired or refused; as-run lines). The uplink publishes them oldest first whenever it is connected, at most its
///   in-flight limit at a time, and removes each when the broker acknowledges it (or refuses it for good: a refusal
///   is logged, never retried). A message may be published twice around a crash or a failover; it keeps its
///   `cc-id`, so the office counts it once.
/// - The **session counter**: every connection attempt takes the next number, which the status message and the Last
///   Will carry, so the office can tell an old `offline` from a newer `online`.
///
/// The uplink calls these on its own thread; they may block briefly (one SQLite transaction), never for long.
public protocol UplinkStore: Sendable {
    /// Keeps `message` until the broker acknowledges it. A store that is full throws (the daemon decides which
    /// kinds of message may then be dropped).
    func append(_ message: OutgoingMessage) throws -> OutboxEntry
    /// Up to `limit` unacknowledged messages, oldest first.
    func pending(limit: Int) throws -> [OutboxEntry]
    /// Forgets a message: the broker acknowledged it, or refused it for good.
    func remove(key: Int64) throws
    /// The next session number: one more than any handed out before, across restarts.
    func nextSessionNumber() throws -> Int
}
