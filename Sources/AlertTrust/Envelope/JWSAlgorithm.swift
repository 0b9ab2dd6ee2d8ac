/// The two JWS signature algorithms a site accepts (RFC 7518 §3.4 and RFC 8037): ES256 for the P-256 keys the
/// provincial CA issues, and EdDSA for Ed25519 keys. Everything else (`none`, the HMACs, RSA) is refused before any
/// signature is looked at.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ECDSA over P-256 with SHA-256; the signature is `r || s`, 64 bytes.
    case es256 = "ES256"
    /// Ed25519 (the only EdDSA curve accepted); the signature is 64 bytes.
    case edDSA = "EdDSA"

    /// The `alg` value, as written in the header.
    public var description: String { rawValue }
}
