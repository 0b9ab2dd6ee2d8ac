/// Why a publish, a reply or a subscription change was not done, with a sentence an operator can act on.
public enum UplinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `maximumQueued` messages are already waiting to be sent or acknowledged.
    case queueFull(limit: Int)
    /// Not acknowledged by the broker before the caller's deadline (it may still arrive: receivers drop copies).
    case timedOut(after: Duration)
    /// The broker refused the message (PUBACK reason code ≥ 128: 135 not authorised by its ACL, 131 or 149 too
    /// large for `message_size_limit`…).
    case refusedByBroker(reasonCode: Int32, reason: String)
    /// Larger than the broker accepts (the Maximum Packet Size it announced); not sent.
    case tooLarge(bytes: Int)
    /// A topic or filter MQTT does not allow (empty, wildcards in a topic, a misplaced `#`…).
    case invalidTopic(String)
    /// libmosquitto refused the message's contents or properties (with its reason).
    case invalidMessage(String)
    /// The configuration cannot work (no broker, brokers that mix TLS and plain TCP).
    case configuration(String)
    /// The client was stopped before the message was sent or acknowledged.
    case stopped
    /// A durable publish needs a store, and none was given.
    case noStore
    /// The store failed (its own message).
    case store(String)
    /// A reply was asked for a message that names no Response Topic.
    case notARequest(topic: String)
    /// The request's Response Topic is outside our own reply tree, where the broker's ACL would refuse the reply.
    case responseTopicNotAllowed(String)
    /// libmosquitto, opened when the first client is made, cannot be opened; `reason` is the loader's message.
    case libraryUnavailable(reason: String)

    /// The problem in a sentence.
    public var description: String {
        switch self {
        case .queueFull(let limit):
            "the uplink's queue is full (\(limit) messages waiting to be sent or acknowledged)"
        case .timedOut(let after): "the broker did not acknowledge the message within \(after)"
        case .refusedByBroker(let code, let reason): "the broker refused the message: \(reason) (reason code \(code))"
        case .tooLarge(let bytes): "the message (\(bytes) bytes of payload) is larger than the broker accepts"
        case .invalidTopic(let topic): "'\(topic)' is not a valid MQTT topic or filter"
        case .invalidMessage(let reason): "the message cannot be sent: \(reason)"
        case .configuration(let reason): "the uplink's configuration cannot work: \(reason)"
        case .stopped: "the uplink was stopped"
        case .noStore: "a durable publish needs the site's store, and the uplink has none"
        case .store(let reason): "the uplink's store failed: \(reason)"
        case .notARequest(let topic): "the message on '\(topic)' has no Response Topic to reply to"
        case .responseTopicNotAllowed(let topic):
            "the Response Topic '\(topic)' is outside this site's reply topics; the reply is not sent"
        case .libraryUnavailable(let reason):
            "libmosquitto, which talks to the MQTT broker, cannot be opened (\(reason)); install it (Debian: apt "
                + "install libmosquitto1)"
        }
    }
}
