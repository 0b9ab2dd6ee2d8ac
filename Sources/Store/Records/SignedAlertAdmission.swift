import AlertTrust

/// What ``Store/admitSignedAlert(_:replayGuard:airing:)`` did with a verified signed message, all in one
/// transaction: the replay decision, the alert it stored to air, and the alerts it took off the air.
public struct SignedAlertAdmission: Sendable {
    /// The replay store's verdict: accepted, duplicate, equivocation or suppressed.
    public var decision: ReplayDecision
    /// The alert stored to air (an accepted alert or update that carries something to play), as stored.
    public var stored: AlertRecord?
    /// The alerts the message closed (an update replaced them, a cancel withdrew them), now cancelled.
    public var closed: [AlertRecord]

    /// Creates the value.
    public init(decision: ReplayDecision, stored: AlertRecord?, closed: [AlertRecord]) {
        self.decision = decision
        self.stored = stored
        self.closed = closed
    }
}
