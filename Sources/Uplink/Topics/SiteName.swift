/// A site's name as the broker knows it: its uplink certificate's CN, hence its MQTT username and client id, and
/// the level that holds its own topics (`cc/v1/site/NAME/…`).
public struct SiteName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name.
    public let rawValue: String

    /// Checks that `rawValue` can be a topic level.
    public init(_ rawValue: String) throws(TopicNameError) {
        guard TopicName.isValid(rawValue) else { throw TopicNameError(kind: "site name", name: rawValue) }
        self.rawValue = rawValue
    }

    /// Decodes and checks a name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    /// Encodes the name as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The name.
    public var description: String { rawValue }
}
