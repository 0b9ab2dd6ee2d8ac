import AlertTrust
import ControlProtocol

extension ClientACL {
    /// What this ACL says about the signer of an alert: the same entries as for the TLS door (a fingerprint under
    /// `revoked` first, then the fingerprint, then the CN), so one file says who may call and who may sign.
    func standing(of signer: SignerIdentity) -> SignerStanding {
        if revoked.contains(signer.fingerprint) { return .revoked }
        if let role = fingerprints[signer.fingerprint] { return .role(role) }
        if let role = signer.commonName.flatMap({ commonNames[$0] }) { return .role(role) }
        return .unlisted
    }
}
