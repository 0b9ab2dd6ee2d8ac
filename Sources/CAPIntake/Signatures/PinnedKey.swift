import AlertTrust
import Foundation
import SwiftASN1
import X509

/// A key the policy pins for one CAP sender: an X.509 certificate (its key; its chain is not followed) or, for a
/// sender that publishes only a bare key (PAGASA's `KeyValue`), a PEM public key obtained out of band. A message's
/// own `KeyInfo` (`KeyValue`, `X509Data`) is never used to verify it.
public struct PinnedKey: Sendable, Hashable, CustomStringConvertible {
    /// What was pinned.
    public enum Kind: String, Sendable, Hashable {
        /// An X.509 certificate.
        case certificate
        /// A SubjectPublicKeyInfo public key.
        case publicKey = "public key"
    }

    /// The file it came from.
    public var file: String
    /// Certificate or public key.
    public var kind: Kind
    /// The PEM text of this one key or certificate, as xmlsec1 loads it.
    public var pem: String
    /// The certificate's subject and fingerprint (certificates only).
    public var identity: SignerIdentity?
    /// The certificate's validity (certificates only).
    public var validity: ClosedRange<Date>?

    /// Every certificate or public key in the PEM file at `path` (several may sit in one file during a rotation).
    public static func load(path: String) throws(CAPPolicyError) -> [PinnedKey] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .pinnedKey(file: path, "cannot be read: \(error.localizedDescription)")
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw .pinnedKey(file: path, "is not PEM: \(error)")
        }
        guard !documents.isEmpty else { throw .pinnedKey(file: path, "holds no PEM certificate or public key") }
        return try documents.map { document throws(CAPPolicyError) in try key(document, file: path) }
    }

    private static func key(_ document: PEMDocument, file: String) throws(CAPPolicyError) -> PinnedKey {
        switch document.discriminator {
        case "CERTIFICATE":
            do {
                let certificate = try Certificate(derEncoded: document.derBytes)
                return PinnedKey(file: file, kind: .certificate, pem: document.pemString,
                                 identity: SignerIdentity(certificate: certificate, der: document.derBytes),
                                 validity: certificate.notValidBefore...max(certificate.notValidBefore,
                                                                            certificate.notValidAfter))
            } catch {
                throw .pinnedKey(file: file, "holds a certificate that cannot be read: \(error)")
            }
        case "PUBLIC KEY":
            do {
                _ = try Certificate.PublicKey(derEncoded: document.derBytes)
            } catch {
                throw .pinnedKey(file: file, "holds a public key that cannot be read: \(error)")
            }
            return PinnedKey(file: file, kind: .publicKey, pem: document.pemString, identity: nil, validity: nil)
        default:
            throw .pinnedKey(file: file, "holds a '\(document.discriminator)' block; pin a CERTIFICATE or a "
                                 + "PUBLIC KEY, never a private key")
        }
    }

    /// `certificate CN=… (sha256 AB:CD…) from trust/naad.pem`.
    public var description: String {
        if let identity { return "certificate \(identity.subject) (sha256 \(identity.fingerprint.prefix(11))…) from "
            + file }
        return "public key from \(file)"
    }
}
