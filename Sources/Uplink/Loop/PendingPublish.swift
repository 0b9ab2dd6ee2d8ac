/// A publish a caller is waiting for: the message, its deadline, and where its outcome goes.
struct PendingPublish: Sendable {
    /// The message.
    let message: OutgoingMessage
    /// When the caller stops waiting (``UplinkError/timedOut(after:)``).
    let deadline: ContinuousClock.Instant
    /// How long the caller was ready to wait, for the error.
    let patience: Duration
    /// Resumed exactly once with the outcome.
    let continuation: CheckedContinuation<Result<PublishReceipt, UplinkError>, Never>
}

/// Work handed from other threads to the uplink's thread.
enum UplinkRequest: Sendable {
    /// Publish a message.
    case publish(PendingPublish)
    /// Replace the subscriptions with these filters; those in `atMostOnce` at QoS 0.
    case subscriptions([String], atMostOnce: Set<String>)
    /// The store's outbox has new messages.
    case outbox
    /// Stop: say offline, disconnect, end the thread.
    case stop
}
