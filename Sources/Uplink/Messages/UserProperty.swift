/// One MQTT 5 user property: a name and value the broker carries unchanged (and keeps with a retained message).
public struct UserProperty: Sendable, Hashable, Codable {
    /// The name; names may repeat in one message.
    public var name: String
    /// The value.
    public var value: String

    /// A property.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `cc-id`: the publisher's id for this message, the same on every redelivery of it (retained, after a
    /// reconnect, from the second broker), so receivers drop the copies.
    public static let messageIDName = "cc-id"

    /// `cc-alert`: on an alert topic, the alert's issuer and id (`ISSUER/ID`). The same alert published to several
    /// groups reaches a site once; a different payload under the same id still goes through, to be refused and
    /// raised by the replay store.
    public static let alertName = "cc-alert"

    /// `cc-reply`: on a group command, `OFFICE/REQUEST`, from which each site builds its own reply topic
    /// (``TopicScheme/reply(site:office:request:)``), since no one Response Topic lies in every site's reply tree.
    public static let replyName = "cc-reply"

    /// A `cc-id` property.
    public static func messageID(_ id: String) -> UserProperty { UserProperty(name: messageIDName, value: id) }

    /// A `cc-alert` property for alert `id` of `issuer`.
    public static func alert(issuer: String, id: String) -> UserProperty {
        UserProperty(name: alertName, value: "\(issuer)/\(id)")
    }
}
