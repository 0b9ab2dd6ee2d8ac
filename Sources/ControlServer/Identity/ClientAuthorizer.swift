import ControlProtocol

/// Decides what a verified TLS client may do. The control server asks it when a connection's handshake completes
/// and again before every call, so a client removed from the daemon's ACL loses its role at its next call, not
/// only on its next connection.
///
/// The daemon implements it with its ACL file; the server only needs the answer.
public protocol ClientAuthorizer: Sendable {
    /// The role granted to `client`, or `nil` when it is not allowed anything.
    func role(for client: ClientCertificate) -> Role?
}
