import Crypto
import X509

extension AlertSignature {
    /// How a signature relates to the key of the certificate that claims it.
    enum KeyCheck {
        /// It verifies over the exact signing input.
        case valid
        /// It does not verify: the payload, the header or the signature changed.
        case invalid
        /// `alg` does not fit the certificate's key.
        case algorithmMismatch
    }

    /// Checks this signature over `envelope`'s exact signing input with `certificate`'s key under `algorithm`.
    func check(in envelope: AlertEnvelope, certificate: Certificate, algorithm: JWSAlgorithm) -> KeyCheck {
        let input = envelope.signingInput(for: self)
        switch algorithm {
        case .es256:
            guard let key = P256.Signing.PublicKey(certificate.publicKey) else { return .algorithmMismatch }
            guard let value = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return .invalid }
            return key.isValidSignature(value, for: input) ? .valid : .invalid
        case .edDSA:
            guard let key = Curve25519.Signing.PublicKey(certificate.publicKey) else { return .algorithmMismatch }
            return key.isValidSignature(signature, for: input) ? .valid : .invalid
        }
    }
}
