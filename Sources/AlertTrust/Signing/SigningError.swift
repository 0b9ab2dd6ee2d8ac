/// The private key refused to sign (a hardware or library failure; not a matter of input).
public struct SigningError: Error, Sendable, CustomStringConvertible {
    /// What the library said.
    public var reason: String

    /// A sentence for the operator.
    public var description: String { "signing failed: \(reason)" }
}
