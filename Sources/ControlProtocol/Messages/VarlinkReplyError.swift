/// Why a client could not get a typed result from a reply.
public enum VarlinkReplyError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error.
    case error(VarlinkError)
    /// The reply's parameters do not match the method's `Reply` type: the server speaks another version.
    case malformed(method: String, DecodingError)

    /// A sentence a person reading CLI output can act on.
    public var description: String {
        switch self {
        case .error(let error):
            "the site answered with an error: \(error)"
        case .malformed(let method, let error):
            "the reply to \(method) does not match this version of communecast: \(error)"
        }
    }
}
