import ControlProtocol

/// What the site does with a verified message after the replay check.
public enum ReplayDecision: Sendable, Hashable {
    /// A new message: air it (an alert or update, or a cancel's correction), and take the `closes` alerts off the
    /// air and out of the queue. `overruledTombstone` is set when a tombstone was waiting for this id but was left
    /// by a message issued with a lower role than this one; the daemon logs it.
    case accepted(closes: [AlertKey], overruledTombstone: ReplayClosure?)
    /// The same payload again (a retransmission or a replay): acknowledge it as a duplicate, do not air it.
    case duplicate(ReplayEntry)
    /// The same issuer and id with a different payload: refuse it and raise an alarm in health and the log.
    case equivocation(key: AlertKey, storedHash: String, receivedHash: String)
    /// A newer message already replaced or withdrew this one (or left a tombstone for it): it is recorded and never
    /// airs.
    case suppressed(by: ReplayClosure)

    /// Whether the message should air (or, for a cancel, take effect).
    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}
