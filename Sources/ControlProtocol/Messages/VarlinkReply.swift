/// A varlink reply: `{"parameters": {...}}`, `{"error": "...", "parameters": {...}}`, or a streamed part of a
/// `more` call marked `"continues": true`.
public struct VarlinkReply: Sendable, Hashable {
    /// The method's output fields, or the error's fields.
    public var parameters: [String: JSONValue]
    /// Whether more replies to the same call follow.
    public var continues: Bool
    /// The fully qualified error name, if this reply reports an error.
    public var error: String?

    /// Creates a reply from its parts.
    public init(parameters: [String: JSONValue] = [:], continues: Bool = false, error: String? = nil) {
        self.parameters = parameters
        self.continues = continues
        self.error = error
    }

    /// Creates the error reply for `error`.
    public init(error: VarlinkError) {
        self.init(parameters: error.parameters, error: error.name)
    }

    /// The error carried by this reply, or `nil` for a successful reply.
    public var varlinkError: VarlinkError? {
        error.map { VarlinkError(name: $0, parameters: parameters) }
    }

    /// Decodes one message (without its NUL). Any fault means the peer is not speaking varlink.
    public init(decoding bytes: some Collection<UInt8>) throws(VarlinkProtocolError) {
        let members = try VarlinkMessageObject.members(of: bytes)
        let continues = try VarlinkMessageObject.flag("continues", in: members)
        let error: String?
        switch members["error"] {
        case nil, .null?: error = nil
        case .string(let name)?: error = name
        case let other?: throw .invalidMember(name: "error", kind: other.kindName)
        }
        let parameters: [String: JSONValue]
        switch members["parameters"] {
        case nil, .null?: parameters = [:]
        case .object(let object)?: parameters = object
        case let other?: throw .invalidMember(name: "parameters", kind: other.kindName)
        }
        self.init(parameters: parameters, continues: continues, error: error)
    }

    /// The message's JSON text, without the NUL.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        output.append(UInt8(ascii: "{"))
        if let error {
            output.append(contentsOf: #""error":"#.utf8)
            JSONWriter.writeString(error, to: &output)
            output.append(UInt8(ascii: ","))
        }
        output.append(contentsOf: #""parameters":"#.utf8)
        JSONWriter.writeObject(parameters, to: &output)
        if continues { output.append(contentsOf: #","continues":true"#.utf8) }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Decodes the parameters into a method's `Reply` struct.
    public func decodeParameters<Reply: Decodable>(as type: Reply.Type) throws(DecodingError) -> Reply {
        try JSONValue.object(parameters).decode(as: type)
    }
}
