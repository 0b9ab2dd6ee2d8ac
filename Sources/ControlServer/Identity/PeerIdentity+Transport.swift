extension PeerIdentity {
    /// How the peer reached the daemon, and the credentials that transport vouches for.
    ///
    /// Only the Unix socket exists today. TLS (issue 5) will add connections whose identity is the client
    /// certificate, and its role will come from an ACL file rather than from Unix groups.
    public enum Transport: Sendable, Hashable {
        /// A local process on the Unix socket, with the kernel's SO_PEERCRED credentials.
        case unix(uid: UInt32, gid: UInt32, pid: Int32)
        /// A remote client over TLS, named by its certificate's subject and SHA-256 fingerprint.
        case tls(subject: String, fingerprint: String)
    }
}
