import Foundation

/// A message to publish, with the MQTT 5 properties we use. Codable, so a site's outbox can keep it across a
/// restart (``UplinkStore``).
public struct OutgoingMessage: Sendable, Equatable, Codable {
    /// The topic.
    public var topic: String
    /// The payload bytes (JSON, or a signed envelope).
    public var payload: [UInt8]
    /// At least once unless said otherwise.
    public var qos: QualityOfService
    /// Whether the broker keeps it as the topic's last word for later subscribers.
    public var retain: Bool
    /// MQTT 5 Message Expiry Interval: the broker drops it (retained or queued) after this long; nil for never.
    public var expiry: Duration?
    /// MQTT 5 Response Topic, for a request.
    public var responseTopic: String?
    /// MQTT 5 Correlation Data: copied into the reply so the requester can match it.
    public var correlationData: [UInt8]?
    /// MQTT 5 Content Type (`application/json`, `application/jose+json`).
    public var contentType: String?
    /// MQTT 5 user properties, `cc-id` among them.
    public var userProperties: [UserProperty]

    /// A message with a fresh `cc-id` unless `id` is given.
    public init(topic: String, payload: [UInt8], qos: QualityOfService = .atLeastOnce, retain: Bool = false,
                expiry: Duration? = nil, responseTopic: String? = nil, correlationData: [UInt8]? = nil,
                contentType: String? = nil, id: String = UUID().uuidString.lowercased(),
                userProperties: [UserProperty] = []) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.expiry = expiry
        self.responseTopic = responseTopic
        self.correlationData = correlationData
        self.contentType = contentType
        self.userProperties = [.messageID(id)] + userProperties
    }

    /// The `cc-id` this message carries.
    public var id: String? { userProperties.first { $0.name == UserProperty.messageIDName }?.value }
}
