import ControlProtocol

/// What the site's own ACL says about a signer's certificate: a role, or no standing at all. The verifier asks the
/// daemon (which reads the same ACL file as the TLS door: by CN or by SHA-256 fingerprint); the message itself never
/// says who may do what.
public enum SignerStanding: Sendable, Hashable {
    /// Listed with this role.
    case role(Role)
    /// Listed under `revoked`: refused whatever else matches.
    case revoked
    /// Not listed.
    case unlisted
}
