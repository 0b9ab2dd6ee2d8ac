/// What the uplink reports on ``UplinkClient/events``, in order, from its thread.
public enum UplinkEvent: Sendable {
    /// A broker accepted us (CONNACK 0) in session number `session`; `sessionPresent` says whether it still had our
    /// subscriptions and queued messages.
    case connected(broker: BrokerEndpoint, session: Int, sessionPresent: Bool)
    /// An attempt failed or a connection ended; the next attempt comes after `retryIn` (zero: the next broker now).
    case connectionFailed(broker: BrokerEndpoint, failure: UplinkFailure, retryIn: Duration)
    /// A message arrived (the first delivery only; copies are dropped).
    case message(UplinkMessage)
    /// The broker refused a subscription (SUBACK reason code ≥ 128), typically its ACL.
    case subscriptionRefused(filter: String, reasonCode: Int32)
    /// The uplink stopped; nothing follows.
    case stopped
}
