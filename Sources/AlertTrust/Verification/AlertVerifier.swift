import ControlProtocol
import Foundation
import X509

/// The site's gatekeeper for signed alerts: runs every check of issue 14 in its order and returns the verified
/// alert, or throws the first refusal. It fails closed: any doubt is a refusal.
///
/// It is pure: the daemon supplies the time, its ACL (``SignerStanding`` by certificate) and the role each earlier
/// alert was issued with (from its replay store), so tests drive it with a fixed clock and plain dictionaries.
public struct AlertVerifier: Sendable {
    /// The pinned provincial CA.
    public let trust: ProvincialTrust
    /// This site, for the audience check.
    public var site: SiteIdentity
    /// The site's rules.
    public var policy: AlertTrustPolicy

    /// Creates a verifier for one site.
    public init(trust: ProvincialTrust, site: SiteIdentity, policy: AlertTrustPolicy = AlertTrustPolicy()) {
        self.trust = trust
        self.site = site
        self.policy = policy
    }

    /// Verifies one envelope as received.
    ///
    /// - Parameters:
    ///   - bytes: the envelope exactly as it arrived.
    ///   - now: the site's current time.
    ///   - standing: the site's ACL entry for a signer's certificate (by CN or fingerprint, or revoked).
    ///   - referencedRole: the ``VerifiedAlert/authority`` recorded for an earlier alert, or `nil` if the site has
    ///     never accepted it.
    ///   - freshness: how old the newest signature may be: the policy's window, or (a retained broker alert) any
    ///     age while the alert is in force.
    public func verify(
        _ bytes: [UInt8], now: Date,
        standing: (SignerIdentity) -> SignerStanding,
        referencedRole: (AlertKey) -> Role?,
        freshness: SignatureFreshness = .window
    ) async throws(AlertRefusal) -> VerifiedAlert {
        guard bytes.count <= policy.maximumEnvelopeBytes else {
            throw .tooLarge(bytes: bytes.count, limit: policy.maximumEnvelopeBytes)
        }
        let envelope: AlertEnvelope
        do {
            envelope = try AlertEnvelope.parse(bytes, maximumSignatures: policy.maximumSignatures)
        } catch {
            throw .malformed(error)
        }
        let algorithms = try checkAlgorithms(envelope)
        var signers: [VerifiedAlert.Signer] = []
        for (index, signature) in envelope.signatures.enumerated() {
            let identity = try await checkSignature(signature, number: index + 1, algorithm: algorithms[index],
                                                    envelope: envelope, now: now)
            signers.append(VerifiedAlert.Signer(identity: identity, part: signature.header.part, role: .monitor,
                                                issuedAt: signature.header.issuedAt, algorithm: algorithms[index]))
        }
        let payload: AlertPayload
        do {
            payload = try AlertPayload(parsing: envelope.payloadBytes)
        } catch {
            throw .malformedPayload(error)
        }
        guard payload.audience.includes(site) else {
            throw .notForThisSite(audience: payload.audience.summary, site: site.name)
        }
        try checkTime(payload, signers: signers, now: now, freshness: freshness)
        for index in signers.indices {
            signers[index].role = try role(of: signers[index], number: index + 1, level: payload.level,
                                           standing: standing)
        }
        try checkPeople(signers, payload: payload)
        try checkReferences(payload, signers: signers, referencedRole: referencedRole)
        return VerifiedAlert(payload: payload, fingerprint: PayloadFingerprint(payloadBytes: envelope.payloadBytes),
                             signers: signers)
    }

    func checkAlgorithms(_ envelope: AlertEnvelope) throws(AlertRefusal) -> [JWSAlgorithm] {
        var algorithms: [JWSAlgorithm] = []
        for (index, signature) in envelope.signatures.enumerated() {
            guard let algorithm = JWSAlgorithm(rawValue: signature.header.algorithm) else {
                throw .algorithmNotAllowed(signature: index + 1, algorithm: signature.header.algorithm)
            }
            algorithms.append(algorithm)
        }
        return algorithms
    }

    /// Chains the signer's certificate to the pinned CA, then checks the signature over the exact signing input.
    func checkSignature(
        _ signature: AlertSignature, number: Int, algorithm: JWSAlgorithm, envelope: AlertEnvelope, now: Date
    ) async throws(AlertRefusal) -> SignerIdentity {
        let certificate: Certificate
        do {
            certificate = try await trust.validate(chain: signature.header.certificateChain, at: now)
        } catch {
            throw .untrustedCertificate(signature: number, problem: error)
        }
        let identity = SignerIdentity(certificate: certificate, der: signature.header.certificateChain[0])
        switch signature.check(in: envelope, certificate: certificate, algorithm: algorithm) {
        case .valid:
            return identity
        case .invalid:
            throw .badSignature(signature: number, signer: identity)
        case .algorithmMismatch:
            throw .algorithmKeyMismatch(signature: number, algorithm: algorithm, signer: identity)
        }
    }

    private func checkTime(_ payload: AlertPayload, signers: [VerifiedAlert.Signer], now: Date,
                           freshness: SignatureFreshness) throws(AlertRefusal) {
        let newest = signers.map(\.issuedAt).max() ?? .distantPast
        let oldestAllowed = now.addingTimeInterval(-policy.maximumSignatureAge)
        let latestAllowed = now.addingTimeInterval(policy.maximumClockAhead)
        if freshness == .window, newest < oldestAllowed {
            throw .signatureTooOld(newest: newest, oldestAllowed: oldestAllowed)
        }
        guard newest <= latestAllowed else { throw .signatureInFuture(newest: newest, latestAllowed: latestAllowed) }
        guard payload.expires > now else { throw .expired(expires: payload.expires) }
        let lifetime = payload.expires.timeIntervalSince(payload.sent)
        guard lifetime <= policy.maximumLifetime else {
            throw .lifetimeTooLong(seconds: Int(lifetime), limit: Int(policy.maximumLifetime))
        }
    }

    private func role(
        of signer: VerifiedAlert.Signer, number: Int, level: Site.AlertLevel,
        standing: (SignerIdentity) -> SignerStanding
    ) throws(AlertRefusal) -> Role {
        let required = policy.minimumRole(for: level)
        switch standing(signer.identity) {
        case .revoked:
            throw .signerRevoked(signature: number, signer: signer.identity)
        case .unlisted:
            throw .signerUnlisted(signature: number, signer: signer.identity)
        case .role(let role):
            guard role >= required else {
                throw .roleTooLow(signature: number, signer: signer.identity, role: role, required: required,
                                  level: level)
            }
            return role
        }
    }

    /// One draft, each person once (by subject, common name or key), the drafter never as approver, and as many
    /// people as the policy needs.
    private func checkPeople(_ signers: [VerifiedAlert.Signer], payload: AlertPayload) throws(AlertRefusal) {
        let drafts = signers.filter { $0.part == .draft }.count
        guard drafts == 1 else { throw .draftCount(drafts) }
        for (index, first) in signers.enumerated() {
            for second in signers[(index + 1)...] where first.identity.isSamePerson(as: second.identity) {
                if first.part != second.part {
                    throw .drafterApproved(signer: first.part == .approve ? first.identity : second.identity)
                }
                throw .samePersonTwice(signer: second.identity)
            }
        }
        let required = policy.people(for: payload.messageType, level: payload.level, status: payload.status)
        guard signers.count >= required else {
            throw .notEnoughPeople(signed: signers.count, required: required, level: payload.level,
                                   status: payload.status)
        }
    }

    private func checkReferences(
        _ payload: AlertPayload, signers: [VerifiedAlert.Signer], referencedRole: (AlertKey) -> Role?
    ) throws(AlertRefusal) {
        let highest = signers.map(\.role).max() ?? .monitor
        for key in payload.referencedKeys {
            if let recorded = referencedRole(key), highest < recorded {
                throw .referenceRoleTooLow(reference: key.id, referencedRole: recorded, highestSigner: highest)
            }
        }
    }
}
