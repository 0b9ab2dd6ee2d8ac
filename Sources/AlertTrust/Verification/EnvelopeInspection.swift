import Foundation
import X509

/// An envelope as the province's office sees it before sending: the payload and, for each signature, who signed and
/// whether the signature holds. `communecast alert show` and `alert approve` use it. Unlike ``AlertVerifier`` it
/// knows no site (no audience, ACL or replay store) and reports every signature's problem instead of stopping at
/// the first; only an unreadable envelope or payload is refused outright.
public struct EnvelopeInspection: Sendable {
    /// One signature as inspected.
    public struct Signature: Sendable {
        /// Drafted or approved.
        public var part: SignerPart
        /// The `alg` as written.
        public var algorithm: String
        /// When it was signed.
        public var issuedAt: Date
        /// Who signed, if the certificate could be read.
        public var identity: SignerIdentity?
        /// What is wrong with it, or `nil` if it verifies (and chains to the CA, when one was given).
        public var problem: String?
    }

    /// The envelope.
    public var envelope: AlertEnvelope
    /// Its payload.
    public var payload: AlertPayload
    /// The payload's fingerprint.
    public var fingerprint: PayloadFingerprint
    /// The signatures, in envelope order.
    public var signatures: [Signature]
    /// Whether certificates were checked against a CA (otherwise only against their own keys).
    public var chainsChecked: Bool

    /// Inspects envelope `bytes` at `now`, checking chains against `trust` when given.
    public init(
        bytes: [UInt8], trust: ProvincialTrust?, now: Date, policy: AlertTrustPolicy = AlertTrustPolicy()
    ) async throws(AlertRefusal) {
        guard bytes.count <= policy.maximumEnvelopeBytes else {
            throw .tooLarge(bytes: bytes.count, limit: policy.maximumEnvelopeBytes)
        }
        do {
            envelope = try AlertEnvelope.parse(bytes, maximumSignatures: policy.maximumSignatures)
        } catch {
            throw .malformed(error)
        }
        do {
            payload = try AlertPayload(parsing: envelope.payloadBytes)
        } catch {
            throw .malformedPayload(error)
        }
        fingerprint = PayloadFingerprint(payloadBytes: envelope.payloadBytes)
        chainsChecked = trust != nil
        signatures = []
        for signature in envelope.signatures {
            signatures.append(await Self.inspect(signature, in: envelope, trust: trust, now: now))
        }
    }

    /// The signatures' problems, as `signature N (part by CN): problem`.
    public var problems: [String] {
        signatures.enumerated().compactMap { index, signature in
            signature.problem.map { "signature \(index + 1) (\(signature.part) by \(signature.signerName)): \($0)" }
        }
    }

    /// The draft signature, if there is exactly one.
    public var draft: Signature? {
        let drafts = signatures.filter { $0.part == .draft }
        return drafts.count == 1 ? drafts[0] : nil
    }

    /// How many distinct people signed (by subject, common name or key).
    public var people: Int {
        var seen: [SignerIdentity] = []
        for identity in signatures.compactMap(\.identity) where !seen.contains(where: identity.isSamePerson) {
            seen.append(identity)
        }
        return seen.count
    }

    /// Whether every signature holds, there is one draft, and as many people signed as `policy` needs.
    public func isComplete(policy: AlertTrustPolicy = AlertTrustPolicy()) -> Bool {
        problems.isEmpty && draft != nil && people == signatures.count
            && people >= policy.people(for: payload.messageType, level: payload.level, status: payload.status)
    }

    private static func inspect(
        _ signature: AlertSignature, in envelope: AlertEnvelope, trust: ProvincialTrust?, now: Date
    ) async -> Signature {
        var result = Signature(part: signature.header.part, algorithm: signature.header.algorithm,
                               issuedAt: signature.header.issuedAt)
        let chain = signature.header.certificateChain
        guard let certificate = try? Certificate(derEncoded: chain[0]) else {
            result.problem = "its certificate cannot be read"
            return result
        }
        result.identity = SignerIdentity(certificate: certificate, der: chain[0])
        guard let algorithm = JWSAlgorithm(rawValue: signature.header.algorithm) else {
            result.problem = "alg '\(signature.header.algorithm)' is not ES256 or EdDSA"
            return result
        }
        switch signature.check(in: envelope, certificate: certificate, algorithm: algorithm) {
        case .valid:
            break
        case .invalid:
            result.problem = "it does not verify: the payload or its header changed since it was signed"
            return result
        case .algorithmMismatch:
            result.problem = "alg \(algorithm) does not fit the certificate's key"
            return result
        }
        if let trust {
            do {
                _ = try await trust.validate(chain: chain, at: now)
            } catch {
                result.problem = "\(error)"
            }
        }
        return result
    }
}

extension EnvelopeInspection.Signature {
    /// The signer's common name, or subject, or a placeholder when the certificate was unreadable.
    public var signerName: String {
        identity.map { $0.commonName ?? $0.subject } ?? "an unreadable certificate"
    }
}
