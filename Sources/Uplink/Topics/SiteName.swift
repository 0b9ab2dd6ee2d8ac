/// A site's name as the broker knows it: its uplink certificate's CN, hence its MQTT username and client id, and
/// the level that holds its own topics (`cc/v1/site/NAME/…`).
public struct SiteName: Sendable, Hashable, TopicToken {
    /// The name.
    public let rawValue: String

    /// Checks that `rawValue` can be a topic level.
    public init(_ rawValue: String) throws(TopicNameError) {
        guard TopicName.isValid(rawValue) else { throw TopicNameError(kind: "site name", name: rawValue) }
        self.rawValue = rawValue
    }
}
