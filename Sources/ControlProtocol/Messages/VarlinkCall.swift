/// A varlink method call: `{"method": "io.communecast.Site.GetHealth", "parameters": {...}, "more": true}`.
public struct VarlinkCall: Sendable, Hashable {
    /// The fully qualified method name, `interface.Method`.
    public var method: String
    /// The call's input fields.
    public var parameters: [String: JSONValue]
    /// Asks for a stream of replies, each but the last marked `continues`.
    public var more: Bool
    /// Asks the server not to reply at all.
    public var oneway: Bool
    /// Asks the server to hand the connection over to another protocol after the reply.
    public var upgrade: Bool

    /// Creates a call from its parts.
    public init(
        method: String,
        parameters: [String: JSONValue] = [:],
        more: Bool = false,
        oneway: Bool = false,
        upgrade: Bool = false
    ) {
        self.method = method
        self.parameters = parameters
        self.more = more
        self.oneway = oneway
        self.upgrade = upgrade
    }

    /// The interface part of `method`, such as `io.communecast.Site`; empty if the name is malformed.
    public var interface: String {
        VarlinkMethodName.split(method)?.interface ?? ""
    }

    /// The method's own name, such as `GetHealth`.
    public var memberName: String {
        VarlinkMethodName.split(method)?.member ?? method
    }

    /// Decodes one message (without its NUL), strictly: see `VarlinkProtocolError` for what is refused.
    public init(decoding bytes: some Collection<UInt8>) throws(VarlinkProtocolError) {
        let members = try VarlinkMessageObject.members(of: bytes)
        guard let methodValue = members["method"] else { throw .missingMethod }
        guard case .string(let method) = methodValue else {
            throw .invalidMember(name: "method", kind: methodValue.kindName)
        }
        let more = try VarlinkMessageObject.flag("more", in: members)
        let oneway = try VarlinkMessageObject.flag("oneway", in: members)
        let upgrade = try VarlinkMessageObject.flag("upgrade", in: members)
        guard VarlinkMethodName.split(method) != nil else { throw .invalidMethodName(method) }
        let parameters: [String: JSONValue]
        switch members["parameters"] {
        case nil, .null?: parameters = [:]
        case .object(let object)?: parameters = object
        case let other?: throw .parametersNotObject(method: method, kind: other.kindName)
        }
        self.init(method: method, parameters: parameters, more: more, oneway: oneway, upgrade: upgrade)
    }

    /// The message's JSON text, without the NUL; `method` comes first so size limits can be chosen early.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64 + method.utf8.count)
        output.append(contentsOf: #"{"method":"#.utf8)
        JSONWriter.writeString(method, to: &output)
        output.append(contentsOf: #","parameters":"#.utf8)
        JSONWriter.writeObject(parameters, to: &output)
        if more { output.append(contentsOf: #","more":true"#.utf8) }
        if oneway { output.append(contentsOf: #","oneway":true"#.utf8) }
        if upgrade { output.append(contentsOf: #","upgrade":true"#.utf8) }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Decodes the parameters into a method's `Parameters` struct.
    ///
    /// A missing, mistyped or malformed field becomes `InvalidParameter` naming the top-level field, which is
    /// the reply a handler should send.
    public func decodeParameters<Parameters: Decodable>(as type: Parameters.Type) throws(VarlinkError) -> Parameters {
        do {
            return try JSONValue.object(parameters).decode(as: type)
        } catch {
            throw .invalidParameter(error.topLevelField ?? "parameters")
        }
    }
}
