import Foundation
@_spi(FixedExpiryValidationTime) import X509

/// The provincial CA a site pins: every signer's certificate must chain to it, at the time of verification, under
/// RFC 5280 and the ``SigningCertificatePolicy``.
public struct ProvincialTrust: Sendable {
    /// The pinned CA certificate.
    public let authority: Certificate
    /// Its DER encoding, to compare with the CA an envelope carries in `x5c`.
    public let authorityDER: [UInt8]

    /// Pins `authority`.
    public init(authority: Certificate) throws {
        self.authority = authority
        self.authorityDER = try authority.derBytes
    }

    /// Pins the one CA certificate in a PEM text; `source` names it in errors.
    public init(pem: String, source: String) throws(TrustFileError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: pem)
        } catch {
            throw .unreadable(path: source, reason: "it does not hold one PEM certificate (\(error))")
        }
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw .unreadable(path: source, reason: "its certificate is not a CA (basicConstraints CA:TRUE)")
        }
        do {
            try self.init(authority: certificate)
        } catch {
            throw .unreadable(path: source, reason: "its certificate cannot be re-encoded (\(error))")
        }
    }

    /// Pins the CA certificate in the PEM file at `path`.
    public init(path: String) throws(TrustFileError) {
        try self.init(pem: try TrustFileError.readText(path), source: path)
    }

    /// Checks that `chain` (x5c: the signer's DER, then its issuer's) leads to the pinned CA at `now` and that the
    /// signer's certificate may sign alerts; returns the signer's certificate.
    public func validate(chain: [[UInt8]], at now: Date) async throws(CertificateProblem) -> Certificate {
        guard chain.count == ProtectedHeader.chainLength else {
            throw .unreadable("x5c holds \(chain.count) certificates, not \(ProtectedHeader.chainLength)")
        }
        let leaf: Certificate
        let issuer: Certificate
        do {
            leaf = try Certificate(derEncoded: chain[0])
            issuer = try Certificate(derEncoded: chain[1])
        } catch {
            throw .unreadable("\(error)")
        }
        if now < leaf.notValidBefore { throw .notYetValid(notBefore: leaf.notValidBefore) }
        if now > leaf.notValidAfter { throw .expired(notAfter: leaf.notValidAfter) }
        if let problem = SigningCertificatePolicy.problem(with: leaf) { throw problem }
        var verifier = Verifier(rootCertificates: CertificateStore([authority])) {
            RFC5280Policy(fixedExpiryValidationTime: now)
            SigningCertificatePolicy()
        }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore([issuer])) {
        case .validCertificate(let validated):
            let certificates = Array(validated)
            guard certificates.count == 2, certificates[1] == authority else {
                throw .notIssuedByProvincialCA(issuer: String(describing: leaf.issuer),
                                               detail: "the chain does not end at the pinned CA in one step")
            }
            guard chain[1] == authorityDER else { throw .wrongIssuerInChain(String(describing: issuer.subject)) }
            return leaf
        case .couldNotValidate(let failures):
            let reasons = Set(failures.map { String(describing: $0.policyFailureReason) }).sorted()
            throw .notIssuedByProvincialCA(issuer: String(describing: leaf.issuer),
                                           detail: reasons.joined(separator: "; "))
        }
    }
}
