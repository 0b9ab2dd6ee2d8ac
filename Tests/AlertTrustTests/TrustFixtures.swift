import AlertTrust
import BroadcastModel
import CommuneCastTesting
import ControlProtocol
import Crypto
import Foundation
import SwiftASN1
import X509

/// The test PKI (scripts/make-test-pki.sh) seen through the AlertTrust API: signers by name, the pinned CA, a site
/// with an ACL, and helpers that build, sign and tamper with envelopes.
struct TrustFixtures {
    let pki: TestPKI
    let trust: ProvincialTrust
    /// The instant the tests treat as now; the certificates were made moments before it.
    let now: Date
    /// The site of the verifier tests.
    let site = SiteIdentity(name: "xa-an-phu", tags: ["an-phu", "ven-song"], areas: ["30316", "886", "89"])
    /// The ACL of the verifier tests, by CN; `revoked-staff` is listed as provincial but revoked by fingerprint.
    let roles: [String: Role] = [
        "so-tt-an-giang": .provincial, "pho-giam-doc": .provincial, "ed25519-staff": .provincial,
        "ban-chi-huy": .provincial, "can-bo-xa-an-phu": .operator, "giam-sat": .monitor,
        "revoked-staff": .provincial, "expired": .provincial, "not-yet-valid": .provincial,
        "no-digital-signature": .provincial, "tls-only": .provincial, "intruder": .provincial,
    ]
    let revoked: Set<String>

    init() throws {
        pki = try TestPKI.shared()
        trust = try ProvincialTrust(path: pki.file("province-ca.pem"))
        now = Date()
        revoked = [try pki.fingerprint("revoked-staff")]
    }

    /// The ACL lookup the daemon will supply: revoked fingerprints first, then the role by CN.
    func standing(_ signer: SignerIdentity) -> SignerStanding {
        if revoked.contains(signer.fingerprint) { return .revoked }
        return signer.commonName.flatMap { roles[$0] }.map(SignerStanding.role) ?? .unlisted
    }

    /// A verifier for ``site`` with the default policy.
    var verifier: AlertVerifier { AlertVerifier(trust: trust, site: site) }

    /// Credentials of client `name`, checked as of `at` (default: now).
    func signer(_ name: String, at: Date? = nil) async throws -> AlertSigner {
        try await AlertSigner(certificatePath: pki.file("\(name).pem"), keyPath: pki.file("\(name).key"),
                              issuerPath: pki.file("province-ca.pem"), now: at ?? now)
    }

    /// A payload for the test site; `id` defaults to a fresh one.
    func payload(
        id: String = "bao-\(UUID().uuidString.prefix(8))", level: Site.AlertLevel = .emergency,
        status: BroadcastStatus = .actual, type: AlertMessageType = .alert, references: [String] = [],
        audience: AlertAudience = AlertAudience(sites: ["xa-an-phu"]), sent: Date? = nil,
        lifetime: TimeInterval = 3_600,
        media: String? = String(repeating: "ab", count: 32)
    ) -> AlertPayload {
        let sent = sent ?? now
        return AlertPayload(
            issuer: "so-tt-an-giang", id: id, sent: sent, expires: sent.addingTimeInterval(lifetime),
            audience: audience, messageType: type, references: references, status: status, level: level,
            repeatCount: 2, intervalSeconds: 60, content: AlertContent(tone: true, media: media)
        )
    }

    /// `payload` signed by each of `signers` in turn, at `at` (default: now).
    func envelope(
        _ payload: AlertPayload, _ signers: [(AlertSigner, SignerPart)], at: Date? = nil
    ) throws -> [UInt8] {
        var envelope = AlertEnvelope(payload: payload)
        for (signer, part) in signers { try signer.sign(&envelope, part: part, at: at ?? now) }
        return envelope.serialized()
    }

    /// The usual valid emergency: drafted by so-tt-an-giang, approved by pho-giam-doc.
    func twoPersonEnvelope(_ payload: AlertPayload) async throws -> [UInt8] {
        let drafter = try await signer("so-tt-an-giang")
        return try envelope(payload, [(drafter, .draft), (try await signer("pho-giam-doc"), .approve)])
    }

    /// Verifies `bytes` as the test site at `at` (default: now), with no earlier alerts unless `referencedRoles`,
    /// under the `freshness` rule.
    func verify(_ bytes: [UInt8], at: Date? = nil, referencedRoles: [String: Role] = [:],
                freshness: SignatureFreshness = .window) async throws(AlertRefusal) -> VerifiedAlert
    {
        try await verifier.verify(bytes, now: at ?? now, standing: standing, referencedRole: { referencedRoles[$0.id] },
                                  freshness: freshness)
    }

    /// The refusal of `bytes`, or `nil` if it was accepted.
    func refusal(_ bytes: [UInt8], at: Date? = nil, referencedRoles: [String: Role] = [:],
                 freshness: SignatureFreshness = .window) async -> AlertRefusal? {
        do {
            _ = try await verify(bytes, at: at, referencedRoles: referencedRoles, freshness: freshness)
            return nil
        } catch {
            return error
        }
    }

    /// The DER of certificate file `name`.pem (a path under the PKI directory).
    func der(_ name: String) throws -> [UInt8] {
        let certificate = try Certificate(pemEncoded: String(contentsOfFile: pki.file("\(name).pem"), encoding: .utf8))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// Adds a signature made outside ``AlertSigner``'s checks: any `alg`, any chain (x5c: `chain` certificate
    /// names), signed with the P-256 key of `keyName`, or with `signature` bytes as given.
    func forge(
        _ envelope: inout AlertEnvelope, algorithm: String = "ES256", chain: [String], keyName: String? = nil,
        part: SignerPart = .draft, at: Date? = nil, signature: [UInt8] = []
    ) throws {
        let header = ProtectedHeader(algorithm: algorithm, certificateChain: try chain.map(der), part: part,
                                     issuedAt: at ?? now)
        var bytes = signature
        if let keyName {
            let key = try P256.Signing.PrivateKey(
                pemRepresentation: String(contentsOfFile: pki.file("\(keyName).key"), encoding: .utf8)
            )
            let input = envelope.signingInput(encodedProtected: Base64URL.encode(header.jsonBytes))
            bytes = Array(try key.signature(for: input).rawRepresentation)
        }
        envelope.signatures.append(AlertSignature(header: header, signature: bytes))
    }

    /// `bytes` with its top-level JSON object changed by `change` (re-serialised with sorted keys).
    static func edit(_ bytes: [UInt8], _ change: (inout [String: JSONValue]) throws -> Void) throws -> [UInt8] {
        var members = try JSONParser().parse(bytes).objectValue ?? [:]
        try change(&members)
        return JSONWriter.bytes(of: .object(members))
    }

    /// The first signature object of an envelope, for edits.
    static func firstSignature(_ members: [String: JSONValue]) -> [String: JSONValue] {
        members["signatures"]?.arrayValue?.first?.objectValue ?? [:]
    }

    /// Flips the lowest bit of byte `index` of a base64url field's decoded bytes and re-encodes it.
    static func flipBit(_ text: String, at index: Int) -> String {
        var bytes = Base64URL.decode(text) ?? []
        bytes[index] ^= 0x01
        return Base64URL.encode(bytes)
    }
}
