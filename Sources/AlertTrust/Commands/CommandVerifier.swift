import ControlProtocol
import Foundation

/// Checks a signed command (issue 15) with the checks of a signed alert that apply to one: size, strict parse,
/// algorithm, the signature against the pinned provincial CA, the signature window (always: a command queued for a
/// site that was away is refused as stale), the recipient, and the signer's standing in the site's ACL. What the
/// call may do is then the dispatcher's decision, from the role returned, as for a TLS client.
public struct CommandVerifier: Sendable {
    /// The alert verifier whose trust, policy and signature checks are shared.
    public let alerts: AlertVerifier

    /// A command verifier with the trust and policy of `alerts`.
    public init(alerts: AlertVerifier) {
        self.alerts = alerts
    }

    /// Verifies one envelope holding a command for one of `recipients` (this site's name and `group:ID` of each of
    /// its groups). `checkAge` false skips the signature's maximum age (never the clock-ahead limit): for a retained
    /// configuration, which the caller orders by ``VerifiedCommand/issuedAt`` so only a newer one replaces it.
    public func verify(_ bytes: [UInt8], now: Date, recipients: Set<String>, checkAge: Bool = true,
                       standing: (SignerIdentity) -> SignerStanding) async throws(AlertRefusal) -> VerifiedCommand {
        let policy = alerts.policy
        guard bytes.count <= policy.maximumEnvelopeBytes else {
            throw .tooLarge(bytes: bytes.count, limit: policy.maximumEnvelopeBytes)
        }
        let envelope: AlertEnvelope
        do {
            envelope = try AlertEnvelope.parse(bytes, maximumSignatures: 1)
        } catch {
            throw .malformed(error)
        }
        let algorithm = try alerts.checkAlgorithms(envelope)[0]
        let signature = envelope.signatures[0]
        let signer = try await alerts.checkSignature(signature, number: 1, algorithm: algorithm, envelope: envelope,
                                                     now: now)
        let issuedAt = signature.header.issuedAt
        let oldest = now.addingTimeInterval(-policy.maximumSignatureAge)
        let latest = now.addingTimeInterval(policy.maximumClockAhead)
        guard !checkAge || issuedAt >= oldest else { throw .signatureTooOld(newest: issuedAt, oldestAllowed: oldest) }
        guard issuedAt <= latest else { throw .signatureInFuture(newest: issuedAt, latestAllowed: latest) }
        let command: SignedCommand
        do {
            command = try SignedCommand(parsing: envelope.payloadBytes)
        } catch {
            throw .malformedPayload(error)
        }
        guard recipients.contains(command.to) else {
            throw .notForThisSite(audience: command.to, site: alerts.site.name)
        }
        switch standing(signer) {
        case .revoked: throw .signerRevoked(signature: 1, signer: signer)
        case .unlisted: throw .signerUnlisted(signature: 1, signer: signer)
        case .role(let role):
            return VerifiedCommand(command: command, signer: signer, role: role, issuedAt: issuedAt)
        }
    }
}
