import Crypto

/// What makes two deliveries the same message, for deduplication (docs/call-home.md, "Delivered once"):
/// - on an alert (`cc-alert`): the alert's issuer and id and the payload's SHA-256, so the same alert retained on two
///   groups or two brokers, or sent again on every subscribe, arrives once, while another payload under the same id
///   still reaches the replay store. A live publish of an alert (not a retained copy) is new when its `cc-id` is:
///   the office sending the same file again gets each site's answer (`duplicate`) rather than silence;
/// - otherwise the publisher's `cc-id`;
/// - failing both, the SHA-256 of the topic and payload.
///
/// A broker could alter these properties, but that only lets it drop a message, which it can do anyway; it cannot
/// make a site accept anything, since the signatures are checked after this.
struct DeliveryKey: Hashable {
    /// The key's text (`alert:…`, `id:…` or `sha:…`).
    let text: String

    /// The key of `message`.
    init(_ message: UplinkMessage) {
        if let alert = message.userProperty(UserProperty.alertName) {
            text = "alert:\(alert):\(Self.hex(SHA256.hash(data: message.payload)))"
        } else if let id = message.id {
            text = "id:\(id)"
        } else {
            text = "sha:\(Self.hex(SHA256.hash(data: Array(message.topic.utf8) + [0] + message.payload)))"
        }
    }

    /// The keys to remember `message` under, the one that decides first: a live alert is new when its `cc-id` is
    /// (a QoS 1 resend keeps it), and is also remembered by its alert key, so its retained copies are dropped.
    static func keys(_ message: UplinkMessage) -> [DeliveryKey] {
        let key = DeliveryKey(message)
        guard !message.retained, message.userProperty(UserProperty.alertName) != nil, let id = message.id else {
            return [key]
        }
        return [DeliveryKey(text: "\(key.text):id:\(id)"), key]
    }

    private init(text: String) {
        self.text = text
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
