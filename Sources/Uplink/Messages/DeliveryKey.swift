import Crypto

/// What makes two deliveries the same message, for deduplication (docs/call-home.md, "Delivered once"):
/// - on an alert (`cc-alert`): the alert's issuer and id and the payload's SHA-256, so the same alert through two
///   groups or two brokers arrives once, while another payload under the same id still reaches the replay store;
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

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
