/// What the broker said to a publish it accepted.
public struct PublishReceipt: Sendable, Equatable {
    /// The `cc-id` of the message.
    public let id: String?
    /// The PUBACK's reason code: 0, or 16 (no subscriber matched, which is normal for a site's events when no
    /// office is listening). Always 0 for QoS 0.
    public let reasonCode: Int32
    /// The broker that accepted it.
    public let broker: BrokerEndpoint
}
