import Logging

/// Who is at the other end of one connection while it is served.
///
/// A Unix peer's identity is fixed when it connects. A TLS peer's certificate is fixed too, but its role is asked of
/// the ACL again before every call, so revoking a client (removing it from the ACL) takes effect at its next call
/// even on a connection that stays open.
struct ConnectionPeer: Sendable {
    /// The identity to route and audit the next call with.
    private(set) var identity: PeerIdentity
    private let certificate: ClientCertificate?
    private let authorizer: (any ClientAuthorizer)?
    private let remote: String?

    /// Works out the peer of a newly served connection; for TLS this waits for the handshake to complete (bounded
    /// by the handshake timeout) and throws `TLSHandshakeError` if it fails.
    ///
    /// A Unix peer's groups come from NSS, which may block, so this runs in the serving task, not on the loop.
    static func identify(_ origin: AcceptedConnection.Origin, tls: TLSListenerConfiguration?) async throws -> Self {
        switch origin {
        case .unix(let credentials):
            let identity = PeerIdentity.unix(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
            return ConnectionPeer(identity: identity, certificate: nil, authorizer: nil, remote: nil)
        case .tls(let handshake, let remote, _):
            let certificate = try await handshake.get()
            let authorizer = tls?.authorizer
            let identity = PeerIdentity.tls(certificate, role: authorizer?.role(for: certificate))
            return ConnectionPeer(identity: identity, certificate: certificate, authorizer: authorizer, remote: remote)
        }
    }

    /// Asks the ACL again for a TLS peer's role; a Unix peer's role does not change while it is connected.
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
