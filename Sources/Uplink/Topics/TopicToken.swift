/// A name that is one topic level (``SiteName``, ``GroupID``): checked by ``TopicName`` when made, and coded as a
/// plain string that is checked again when decoded, so a configuration file cannot smuggle in a wildcard.
public protocol TopicToken: Codable, CustomStringConvertible {
    /// The name.
    var rawValue: String { get }

    /// Checks that `rawValue` can be a topic level.
    init(_ rawValue: String) throws(TopicNameError)
}

extension TopicToken {
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
