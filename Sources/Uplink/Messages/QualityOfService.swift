/// The MQTT delivery guarantees we use. QoS 2 is never needed: every message we send has an id and receivers drop
/// copies, which is cheaper than QoS 2's four-packet exchange.
public enum QualityOfService: Int32, Sendable, Codable {
    /// Sent once, never retried (nothing the site or office depends on).
    case atMostOnce = 0
    /// Acknowledged by the broker (PUBACK), resent until then; the default.
    case atLeastOnce = 1
}
