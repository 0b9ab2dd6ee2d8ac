/// A message the broker delivered, with the MQTT 5 properties we use. Already deduplicated: the application sees
/// each message once however often the broker sends it.
public struct UplinkMessage: Sendable, Equatable {
    /// The topic it was published to.
    public let topic: String
    /// The payload bytes, exactly as published.
    public let payload: [UInt8]
    /// The QoS it was delivered with.
    public let qos: QualityOfService
    /// True when the broker sent a retained message because we subscribed (not a live publish).
    public let retained: Bool
    /// The seconds left of its Message Expiry Interval when it was delivered; nil if it never expires.
    public let expiry: Duration?
    /// Where a reply goes, for a request.
    public let responseTopic: String?
    /// What to copy into the reply.
    public let correlationData: [UInt8]?
    /// The Content Type.
    public let contentType: String?
    /// The user properties, in order.
    public let userProperties: [UserProperty]
    /// The broker it came through.
    public let broker: BrokerEndpoint

    /// A delivered message (the loop makes these; tests may too).
    public init(topic: String, payload: [UInt8], qos: QualityOfService, retained: Bool, expiry: Duration?,
                responseTopic: String?, correlationData: [UInt8]?, contentType: String?,
                userProperties: [UserProperty], broker: BrokerEndpoint) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retained = retained
        self.expiry = expiry
        self.responseTopic = responseTopic
        self.correlationData = correlationData
        self.contentType = contentType
        self.userProperties = userProperties
        self.broker = broker
    }

    /// The first value of user property `name`.
    public func userProperty(_ name: String) -> String? { userProperties.first { $0.name == name }?.value }

    /// The publisher's `cc-id`.
    public var id: String? { userProperty(UserProperty.messageIDName) }
}
