import Logging

/// Who is at the other end of one connection while it is served.
///
/// The Unix socket's connections know their peer from SO_PEERCRED (`UnixConnection`); this is the TLS listener's.
/// A TLS peer's certificate is fixed when it connects, but its role is asked of the ACL again before every call, so
/// revoking a client (removing it from the ACL) takes effect at its next call even on a connection that stays open.
struct ConnectionPeer: Sendable {
    /// The identity to route and audit the next call with.
    private(set) var identity: PeerIdentity
    private let certificate: ClientCertificate?
    private let authorizer: (any ClientAuthorizer)?
    private let remote: String?

    /// Works out the peer of a newly served connection; for TLS this waits for the handshake to complete (bounded
    /// by the handshake timeout) and throws `TLSHandshakeError` if it fails.
    static func identify(_ origin: AcceptedConnection.Origin, tls: TLSListenerConfiguration?) async throws -> Self {
        switch origin {
        case .tls(let handshake, let remote, _):
            let certificate = try await handshake.get()
            let authorizer = tls?.authorizer
            let identity = PeerIdentity.tls(certificate, role: authorizer?.role(for: certificate))
            return ConnectionPeer(identity: identity, certificate: certificate, authorizer: authorizer, remote: remote)
        }
    }

    /// Asks the ACL again for the peer's role.
    mutating func refresh() {
        guard let certificate, let authorizer else { return }
        identity.role = authorizer.role(for: certificate)
    }

    /// The peer, and for TLS the client's address, for the connection's first log line.
    var logMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = ["peer": "\(identity)"]
        if let remote { metadata["remote"] = "\(remote)" }
        return metadata
    }
}
