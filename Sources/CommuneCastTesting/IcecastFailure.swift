/// Icecast could not be started for a test.
public struct IcecastFailure: Error, CustomStringConvertible {
    /// What went wrong, with the server's log.
    public let message: String
    /// Creates a failure saying `message`.
    public init(message: String) { self.message = message }
    public var description: String { message }
}
