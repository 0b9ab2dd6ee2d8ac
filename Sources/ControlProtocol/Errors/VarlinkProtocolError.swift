/// Why an incoming message is not an acceptable varlink call or reply, and what the server should do about it.
///
/// Messages that are not even a JSON object with a string `method` cannot be answered sensibly, so the
/// connection is closed (`disposition == .closeConnection`). A well-formed message with a bad method name or
/// non-object parameters gets a standard varlink error reply, and the connection carries on.
public enum VarlinkProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A string in the message is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// The message is not valid JSON.
    case invalidJSON(JSONParseError)
    /// The message is JSON but not an object; `kind` names what it is.
    case notAnObject(kind: String)
    /// A call has no `method` member.
    case missingMethod
    /// A member has the wrong JSON kind, such as `"more": "yes"` or `"method": 5`.
    case invalidMember(name: String, kind: String)
    /// The method is not `interface.Method`, such as `Foo`; `method` is the name as received.
    case invalidMethodName(String)
    /// The call's `parameters` member is not an object; `method` is the call's method.
    case parametersNotObject(method: String, kind: String)

    /// What a server should do after this error.
    public var disposition: VarlinkProtocolErrorDisposition {
        switch self {
        case .invalidUTF8, .invalidJSON, .notAnObject, .missingMethod, .invalidMember:
            .closeConnection
        case .invalidMethodName(let method):
            .reply(.methodNotFound(method))
        case .parametersNotObject:
            .reply(.invalidParameter("parameters"))
        }
    }

    /// A sentence a person reading a log can act on.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset):
            "the varlink message is not valid UTF-8 (at byte \(offset))"
        case .invalidJSON(let error):
            "the varlink message is not valid JSON: \(error)"
        case .notAnObject(let kind):
            "the varlink message is a JSON \(kind), not an object"
        case .missingMethod:
            "the varlink call has no \"method\""
        case .invalidMember(let name, let kind):
            "the varlink message member \"\(name)\" has the wrong type (\(kind))"
        case .invalidMethodName(let method):
            "the method name '\(method)' is not of the form interface.Method"
        case .parametersNotObject(let method, let kind):
            "the parameters of the call to \(method) are a JSON \(kind), not an object"
        }
    }
}
