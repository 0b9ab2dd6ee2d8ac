/// What a server does with a message it could not accept.
public enum VarlinkProtocolErrorDisposition: Sendable, Equatable {
    /// Send this error reply (unless the call was `oneway`) and keep the connection open.
    case reply(VarlinkError)
    /// Close the connection: the peer is not speaking varlink, and other clients are unaffected.
    case closeConnection
}
