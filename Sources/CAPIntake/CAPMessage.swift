import AlertTrust
import Crypto
import Foundation

/// A CAP message that passed every check: its content, its verified signatures, the warnings, and where it came
/// from (sender, identifier, sent and the SHA-256 of its bytes) as it travels in the signed alert.
public struct CAPMessage: Sendable {
    /// The alert.
    public var alert: CAPAlert
    /// The SHA-256 of the message's bytes, lowercase hex.
    public var sha256: String
    /// Each signature's result (all verified, or the message would have been refused).
    public var signatures: [CAPSignatureResult]
    /// Accepted oddities the operator should know about.
    public var warnings: [CAPFinding]

    /// The source as the signed alert's payload carries it.
    public var source: AlertSource {
        AlertSource(sender: alert.sender, identifier: alert.identifier, sent: alert.sent.text, sha256: sha256)
    }

    /// Reads `bytes` as a CAP 1.2 message under `policy` as of `now`: the byte checks, one libxml2 parse, the CAP
    /// checks, and the signatures against the sender's pinned keys. Throws a refusal naming every element at fault.
    public init(bytes: [UInt8], policy: CAPPolicy, now: Date) throws(CAPRefusal) {
        let document = try SafeXMLDocument(bytes: bytes, maximumBytes: policy.maximumBytes)
        let read = try CAPReader.read(document)
        alert = read.alert
        sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        warnings = read.warnings
        guard let trust = policy.trust(for: alert.sender) else {
            throw CAPRefusal("alert/sender", "'\(alert.sender)' is not a sender the policy lists (senders:), and "
                                 + "other_senders is refuse")
        }
        signatures = []
        if read.signatures.isEmpty {
            if trust.signatureRequired {
                throw CAPRefusal("alert", "is not signed; the policy requires a signature from '\(alert.sender)'")
            }
            warnings.append(CAPFinding(.warning, "alert", "is not signed (the policy does not require a signature "
                                           + "from '\(alert.sender)')"))
            return
        }
        if trust.keys.isEmpty, !trust.signatureRequired {
            warnings.append(CAPFinding(.warning, "alert/Signature", "not verified: no certificate is pinned for "
                                           + "'\(alert.sender)' (the policy does not require a signature)"))
            return
        }
        signatures = try CAPSignatureVerifier.verify(read.signatures, keys: trust.keys)
        try checkSignatures(policy: policy, now: now)
    }

    /// Every signature must verify with a pinned key that is valid now (FCC 47 CFR 11.56(c): a message with an
    /// invalid signature is rejected, whatever other signature it has).
    private mutating func checkSignatures(policy: CAPPolicy, now: Date) throws(CAPRefusal) {
        var errors: [CAPFinding] = []
        for result in signatures {
            guard let key = result.verifiedBy else {
                errors.append(CAPFinding(.error, result.path, "does not verify: \(result.problem ?? "unknown")"))
                continue
            }
            if let validity = key.validity {
                if !validity.contains(now) {
                    let when = now < validity.lowerBound ? "is not valid before" : "expired on"
                    let date = now < validity.lowerBound ? validity.lowerBound : validity.upperBound
                    errors.append(CAPFinding(.error, result.path, "verifies with \(key), which \(when) "
                                                 + "\(Self.day(date)); pin the sender's current certificate"))
                } else if validity.upperBound.timeIntervalSince(now) < policy.certificateWarning {
                    warnings.append(CAPFinding(.warning, result.path, "verifies with \(key), which expires on "
                                                   + "\(Self.day(validity.upperBound)): pin its successor beside it"))
                }
            }
            if result.method.hasSuffix("SHA1") || result.digest == "SHA-1" {
                warnings.append(CAPFinding(.warning, result.path, "uses \(result.method) with a \(result.digest) "
                                               + "digest; SHA-1 is weak, ask the sender to move to SHA-256"))
            }
        }
        if !errors.isEmpty { throw CAPRefusal(findings: errors) }
    }

    private static func day(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }
}
