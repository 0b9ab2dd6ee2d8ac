extension PeerIdentity {
    /// How the peer reached the daemon, and the credentials that transport vouches for.
    ///
    /// On the Unix socket the kernel vouches for the process; on the TLS listener the handshake vouches for the
    /// client certificate, and the role comes from the daemon's ACL rather than from Unix groups.
    public enum Transport: Sendable, Hashable {
        /// A local process on the Unix socket, with the kernel's SO_PEERCRED credentials.
        case unix(uid: UInt32, gid: UInt32, pid: Int32)
        /// A remote client over TLS, named by its certificate's subject and SHA-256 fingerprint.
        case tls(subject: String, fingerprint: String)
        /// A signed call through the call-home broker (issue 15), named by its signer's certificate subject and
        /// SHA-256 fingerprint; the role comes from the daemon's ACL, as for TLS.
        case broker(subject: String, fingerprint: String)
    }
}
