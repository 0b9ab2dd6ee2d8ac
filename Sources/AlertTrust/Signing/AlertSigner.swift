import Crypto
import Foundation
import X509

/// A person's signing credentials: their certificate, its issuing CA (both go into `x5c`) and their private key,
/// the same files they use for TLS (`--cert`, `--key`, `--ca`).
public struct AlertSigner: Sendable {
    /// The signer's certificate.
    public let certificate: Certificate
    /// Its DER encoding.
    public let certificateDER: [UInt8]
    /// The issuing CA's DER encoding.
    public let issuerDER: [UInt8]
    /// The algorithm the key signs with.
    public let algorithm: JWSAlgorithm
    /// Who the signer is.
    public let identity: SignerIdentity
    private let key: Certificate.PrivateKey

    /// Loads the PEM files and checks that the key belongs to the certificate and that the certificate may sign
    /// alerts and chains to `issuer` now, so a person learns of a bad credential before signing, not from a site.
    public init(certificatePath: String, keyPath: String, issuerPath: String, now: Date) async throws(TrustFileError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: try TrustFileError.readText(certificatePath))
        } catch let error as TrustFileError {
            throw error
        } catch {
            throw .unreadable(path: certificatePath, reason: "it does not hold one PEM certificate (\(error))")
        }
        let key: Certificate.PrivateKey
        do {
            key = try Certificate.PrivateKey(pemEncoded: try TrustFileError.readText(keyPath))
        } catch let error as TrustFileError {
            throw error
        } catch {
            throw .unreadable(path: keyPath, reason: "it does not hold a PEM private key (\(error))")
        }
        let trust = try ProvincialTrust(path: issuerPath)
        try await self.init(certificate: certificate, key: key, trust: trust, now: now,
                            certificatePath: certificatePath, keyPath: keyPath)
    }

    /// Credentials from parsed parts; the paths only name the files in errors.
    public init(
        certificate: Certificate, key: Certificate.PrivateKey, trust: ProvincialTrust, now: Date,
        certificatePath: String = "certificate", keyPath: String = "key"
    ) async throws(TrustFileError) {
        guard key.publicKey == certificate.publicKey else {
            throw .keyMismatch(certificate: certificatePath, key: keyPath)
        }
        if P256.Signing.PublicKey(certificate.publicKey) != nil {
            algorithm = .es256
        } else if Curve25519.Signing.PublicKey(certificate.publicKey) != nil {
            algorithm = .edDSA
        } else {
            throw .unreadable(path: keyPath, reason: "its key is \(key); alerts are signed with P-256 or Ed25519 keys")
        }
        do {
            certificateDER = try certificate.derBytes
        } catch {
            throw .unreadable(path: certificatePath, reason: "it cannot be re-encoded (\(error))")
        }
        do {
            _ = try await trust.validate(chain: [certificateDER, trust.authorityDER], at: now)
        } catch {
            throw .unreadable(path: certificatePath, reason: "\(error)")
        }
        self.certificate = certificate
        self.issuerDER = trust.authorityDER
        self.key = key
        self.identity = SignerIdentity(certificate: certificate, der: certificateDER)
    }

    /// Adds this person's signature to `envelope`, as `part`, signed at `now`.
    public func sign(_ envelope: inout AlertEnvelope, part: SignerPart, at now: Date) throws(SigningError) {
        let header = ProtectedHeader(algorithm: algorithm.rawValue, certificateChain: [certificateDER, issuerDER],
                                     part: part, issuedAt: now)
        let encodedProtected = Base64URL.encode(header.jsonBytes)
        let input = envelope.signingInput(encodedProtected: encodedProtected)
        let signature: [UInt8]
        do {
            switch algorithm {
            case .es256:
                let der = try key.sign(bytes: input, signatureAlgorithm: .ecdsaWithSHA256).rawRepresentation
                signature = Array(try P256.Signing.ECDSASignature(derRepresentation: der).rawRepresentation)
            case .edDSA:
                signature = try key.sign(bytes: input, signatureAlgorithm: .ed25519).rawRepresentation
            }
        } catch {
            throw SigningError(reason: "\(error)")
        }
        envelope.signatures.append(AlertSignature(header: header, signature: signature))
    }
}
