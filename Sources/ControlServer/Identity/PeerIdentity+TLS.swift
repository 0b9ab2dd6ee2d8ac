import ControlProtocol

extension PeerIdentity {
    /// The identity of a remote client whose certificate the TLS handshake verified, with the role its ACL grants.
    public static func tls(_ certificate: ClientCertificate, role: Role?) -> PeerIdentity {
        PeerIdentity(
            transport: .tls(subject: certificate.subject, fingerprint: certificate.fingerprint),
            userName: nil,
            groupNames: [],
            role: role
        )
    }
}
