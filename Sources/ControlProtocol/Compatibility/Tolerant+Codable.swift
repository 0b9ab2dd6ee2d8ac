extension Tolerant: Codable {
    /// Decodes a JSON string; any string is accepted (a value of another JSON type is still an error).
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the text exactly as it was received or as the known value spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
