import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// The site's verifier against every good and bad envelope of issue 14, with certificates made by openssl at test
/// time. Each refusal is checked by its case (and so its step), not just by "refused".
@Suite("AlertVerifier")
struct AlertVerifierTests {
    @Test("a two-person emergency verifies, with roles from the ACL and the payload decoded from the signed bytes")
    func twoPersonEmergency() async throws {
        let f = try TrustFixtures()
        let payload = f.payload()
        let alert = try await f.verify(try await f.twoPersonEnvelope(payload))
        #expect(alert.payload == payload)
        #expect(alert.signers.map(\.identity.commonName) == ["so-tt-an-giang", "pho-giam-doc"])
        #expect(alert.signers.map(\.role) == [.provincial, .provincial])
        #expect(alert.signers.map(\.algorithm) == [.es256, .es256])
        #expect(alert.drafter?.identity.commonName == "so-tt-an-giang")
        #expect(alert.authority == .provincial)
        #expect(alert.fingerprint == PayloadFingerprint(payloadBytes: payload.jsonBytes))
        #expect(alert.signers[0].identity.fingerprint == (try f.pki.fingerprint("so-tt-an-giang")))
    }

    @Test("an Ed25519 approver (EdDSA) counts as a second person")
    func ed25519Approver() async throws {
        let f = try TrustFixtures()
        let bytes = try f.envelope(f.payload(), [(try await f.signer("so-tt-an-giang"), .draft),
                                                 (try await f.signer("ed25519-staff"), .approve)])
        let alert = try await f.verify(bytes)
        #expect(alert.signers.map(\.algorithm) == [.es256, .edDSA])
    }

    @Test("one signature is enough for a priority alert, an emergency exercise or test, and a cancel")
    func oneSignatureSuffices() async throws {
        let f = try TrustFixtures()
        let drafter = try await f.signer("so-tt-an-giang")
        for payload in [f.payload(level: .priority), f.payload(status: .exercise), f.payload(status: .test),
                        f.payload(type: .cancel, references: ["bao-1"])] {
            let alert = try await f.verify(try f.envelope(payload, [(drafter, .draft)]))
            #expect(alert.payload == payload)
        }
        let operatorSigner = try await f.signer("can-bo-xa-an-phu")
        let priority = f.payload(level: .priority)
        #expect(try await f.verify(try f.envelope(priority, [(operatorSigner, .draft)])).authority == .operator)
    }

    @Test("the audience matches by site name, by tag or by area code, and nothing else")
    func audience() async throws {
        let f = try TrustFixtures()
        let drafter = try await f.signer("so-tt-an-giang")
        for audience in [AlertAudience(tags: ["ven-song"]), AlertAudience(areas: ["886"]),
                         AlertAudience(sites: ["xa-khac"], tags: ["an-phu"])] {
            _ = try await f.verify(try f.envelope(f.payload(status: .test, audience: audience), [(drafter, .draft)]))
        }
        let elsewhere = f.payload(status: .test, audience: AlertAudience(sites: ["xa-khac"], tags: ["x"], areas: ["1"]))
        let refusal = await f.refusal(try f.envelope(elsewhere, [(drafter, .draft)]))
        #expect(refusal == .notForThisSite(audience: "sites xa-khac; tags x; areas 1", site: "xa-an-phu"))
        #expect(refusal?.step == .audience)
    }

    @Test("a bit flip in the payload, a protected header or a signature rejects the whole envelope")
    func bitFlips() async throws {
        let f = try TrustFixtures()
        let bytes = try await f.twoPersonEnvelope(f.payload())
        let flippedPayload = try TrustFixtures.edit(bytes) { members in
            members["payload"] = .string(TrustFixtures.flipBit(members["payload"]?.stringValue ?? "", at: 40))
        }
        // The approver's header: its iat's last digit changes by one bit, so the header is still valid JSON.
        let flippedHeader = try TrustFixtures.edit(bytes) { members in
            var signatures = members["signatures"]?.arrayValue ?? []
            var second = signatures[1].objectValue ?? [:]
            let encoded = second["protected"]?.stringValue ?? ""
            var header = Base64URL.decode(encoded) ?? []
            let digit = try #require(header.firstRange(of: Array("\"iat\":".utf8))).upperBound + 3
            header[digit] ^= 0x01
            second["protected"] = .string(Base64URL.encode(header))
            signatures[1] = .object(second)
            members["signatures"] = .array(signatures)
        }
        let flippedSignature = try TrustFixtures.edit(bytes) { members in
            var signatures = members["signatures"]?.arrayValue ?? []
            var first = signatures[0].objectValue ?? [:]
            first["signature"] = .string(TrustFixtures.flipBit(first["signature"]?.stringValue ?? "", at: 20))
            signatures[0] = .object(first)
            members["signatures"] = .array(signatures)
        }
        guard case .badSignature(1, let signer) = await f.refusal(flippedPayload) else {
            Issue.record("a flipped payload bit was not refused as a bad signature")
            return
        }
        #expect(signer.commonName == "so-tt-an-giang")
        guard case .badSignature(2, _) = await f.refusal(flippedHeader) else {
            Issue.record("a flipped header bit was not refused as a bad signature")
            return
        }
        guard case .badSignature(1, _) = await f.refusal(flippedSignature) else {
            Issue.record("a flipped signature bit was not refused as a bad signature")
            return
        }
    }

    @Test("a self-signed or foreign-CA certificate in x5c, or a CA that is not the pinned one, is refused")
    func untrustedChains() async throws {
        let f = try TrustFixtures()
        let cases: [(chain: [String], key: String)] = [
            (["self-signed", "province-ca"], "self-signed"),
            (["other/intruder", "other/province-ca"], "other/intruder"),
            (["other/intruder", "province-ca"], "other/intruder"),
            (["self-signed", "self-signed"], "self-signed"),
        ]
        for (chain, key) in cases {
            var envelope = AlertEnvelope(payload: f.payload(status: .test))
            try f.forge(&envelope, chain: chain, keyName: key)
            guard case .untrustedCertificate(1, .notIssuedByProvincialCA) = await f.refusal(envelope.serialized())
            else {
                Issue.record("x5c \(chain) was not refused as not chaining to the provincial CA")
                continue
            }
        }
        var wrongIssuer = AlertEnvelope(payload: f.payload(status: .test))
        try f.forge(&wrongIssuer, chain: ["so-tt-an-giang", "other/province-ca"], keyName: "so-tt-an-giang")
        guard case .untrustedCertificate(1, .wrongIssuerInChain) = await f.refusal(wrongIssuer.serialized()) else {
            Issue.record("a foreign CA as x5c's second certificate was not refused")
            return
        }
    }

    @Test("expired and not-yet-valid signers are refused at the chain check, whatever the ACL says")
    func certificateValidity() async throws {
        let f = try TrustFixtures()
        for name in ["expired", "not-yet-valid"] {
            var envelope = AlertEnvelope(payload: f.payload(status: .test))
            try f.forge(&envelope, chain: [name, "province-ca"], keyName: name)
            let refusal = await f.refusal(envelope.serialized())
            switch (name, refusal) {
            case ("expired", .untrustedCertificate(1, .expired)),
                 ("not-yet-valid", .untrustedCertificate(1, .notYetValid)):
                break
            default:
                Issue.record("\(name): unexpected outcome \(String(describing: refusal))")
            }
        }
    }

    @Test("a certificate without digitalSignature or without documentSigning may not sign alerts")
    func keyUsages() async throws {
        let f = try TrustFixtures()
        for name in ["no-digital-signature", "tls-only"] {
            var envelope = AlertEnvelope(payload: f.payload(status: .test))
            try f.forge(&envelope, chain: [name, "province-ca"], keyName: name)
            guard case .untrustedCertificate(1, .keyUsage(let reason)) = await f.refusal(envelope.serialized()) else {
                Issue.record("\(name) was not refused for its key usage")
                continue
            }
            #expect(reason.contains(name == "tls-only" ? "documentSigning" : "digitalSignature"))
        }
        var caAsSigner = AlertEnvelope(payload: f.payload(status: .test))
        try f.forge(&caAsSigner, chain: ["province-ca", "province-ca"], signature: Array(repeating: 1, count: 64))
        guard case .untrustedCertificate(1, .certificateAuthority) = await f.refusal(caAsSigner.serialized()) else {
            Issue.record("the CA's own certificate was accepted as a signer")
            return
        }
    }

    @Test("alg none, HS256 and RS256 are refused before any signature is checked",
          arguments: ["none", "HS256", "RS256", "ES384", "EdDSA "])
    func algorithmAllowList(algorithm: String) async throws {
        let f = try TrustFixtures()
        var envelope = AlertEnvelope(payload: f.payload(status: .test))
        try f.forge(&envelope, algorithm: algorithm, chain: ["so-tt-an-giang", "province-ca"],
                    signature: algorithm == "none" ? [] : Array(repeating: 7, count: 32))
        let refusal = await f.refusal(envelope.serialized())
        #expect(refusal == .algorithmNotAllowed(signature: 1, algorithm: algorithm))
        #expect(refusal?.step == .algorithm)
    }

    @Test("an alg that does not fit the certificate's key is refused")
    func algorithmKeyMismatch() async throws {
        let f = try TrustFixtures()
        var envelope = AlertEnvelope(payload: f.payload(status: .test))
        try f.forge(&envelope, algorithm: "ES256", chain: ["ed25519-staff", "province-ca"],
                    signature: Array(repeating: 7, count: 64))
        guard case .algorithmKeyMismatch(1, .es256, _) = await f.refusal(envelope.serialized()) else {
            Issue.record("ES256 over an Ed25519 key was not refused")
            return
        }
    }

    @Test("revoked and unlisted signers, and an operator signing an emergency, are refused by the ACL")
    func roles() async throws {
        let f = try TrustFixtures()
        let drafter = try await f.signer("so-tt-an-giang")
        let revoked = try f.envelope(f.payload(), [(drafter, .draft), (try await f.signer("revoked-staff"), .approve)])
        guard case .signerRevoked(2, let signer) = await f.refusal(revoked) else {
            Issue.record("a revoked signer was not refused")
            return
        }
        #expect(signer.commonName == "revoked-staff")
        let unlisted = try f.envelope(f.payload(), [(drafter, .draft), (try await f.signer("unlisted"), .approve)])
        guard case .signerUnlisted(2, _) = await f.refusal(unlisted) else {
            Issue.record("an unlisted signer was not refused")
            return
        }
        let operatorSigner = try await f.signer("can-bo-xa-an-phu")
        let byOperator = try f.envelope(f.payload(), [(drafter, .draft), (operatorSigner, .approve)])
        guard case .roleTooLow(2, _, .operator, .provincial, .emergency) = await f.refusal(byOperator) else {
            Issue.record("an operator approving an emergency was not refused")
            return
        }
        let byMonitor = try f.envelope(f.payload(level: .priority), [(try await f.signer("giam-sat"), .draft)])
        guard case .roleTooLow(1, _, .monitor, .operator, .priority) = await f.refusal(byMonitor) else {
            Issue.record("a monitor drafting a priority alert was not refused")
            return
        }
    }

    @Test("one person cannot be two: the same key, two certificates of one subject, or one key under two names")
    func samePerson() async throws {
        let f = try TrustFixtures()
        let drafter = try await f.signer("so-tt-an-giang")
        for twin in ["so-tt-an-giang", "so-tt-an-giang-2", "same-key"] {
            let bytes = try f.envelope(f.payload(), [(drafter, .draft), (try await f.signer(twin), .approve)])
            guard case .drafterApproved = await f.refusal(bytes) else {
                Issue.record("the drafter approving with \(twin) was not refused")
                continue
            }
        }
        let approver = try await f.signer("pho-giam-doc")
        let twice = try f.envelope(f.payload(), [(drafter, .draft), (approver, .approve), (approver, .approve)])
        guard case .samePersonTwice(let signer) = await f.refusal(twice) else {
            Issue.record("an approver signing twice was not refused")
            return
        }
        #expect(signer.commonName == "pho-giam-doc")
        let twoDrafts = try f.envelope(f.payload(), [(drafter, .draft), (approver, .draft)])
        #expect(await f.refusal(twoDrafts) == .draftCount(2))
        let noDraft = try f.envelope(f.payload(), [(drafter, .approve), (approver, .approve)])
        #expect(await f.refusal(noDraft) == .draftCount(0))
    }

    @Test("an actual emergency with one signature is refused; the policy's number is configurable")
    func emergencyNeedsTwo() async throws {
        let f = try TrustFixtures()
        let drafter = try await f.signer("so-tt-an-giang")
        let single = try f.envelope(f.payload(), [(drafter, .draft)])
        #expect(await f.refusal(single) == .notEnoughPeople(signed: 1, required: 2, level: .emergency, status: .actual))
        var strict = f.verifier
        strict.policy.requiredPeople[.emergency]?[.exercise] = 2
        let exercise = try f.envelope(f.payload(status: .exercise), [(drafter, .draft)])
        do {
            _ = try await strict.verify(exercise, now: f.now, standing: f.standing, referencedRole: { _ in nil })
            Issue.record("a one-signature exercise passed a policy that needs two")
        } catch {
            #expect(error == .notEnoughPeople(signed: 1, required: 2, level: .emergency, status: .exercise))
        }
    }

    @Test("a cancel or update needs a signer at least as senior as the alert it references")
    func referenceRoles() async throws {
        let f = try TrustFixtures()
        let cancel = f.payload(level: .priority, type: .cancel, references: ["bao-1"])
        let byOperator = try f.envelope(cancel, [(try await f.signer("can-bo-xa-an-phu"), .draft)])
        #expect(await f.refusal(byOperator, referencedRoles: ["bao-1": .provincial])
                == .referenceRoleTooLow(reference: "bao-1", referencedRole: .provincial, highestSigner: .operator))
        #expect(await f.refusal(byOperator, referencedRoles: ["bao-1": .operator]) == nil)
        #expect(await f.refusal(byOperator) == nil)
        let byProvince = try f.envelope(cancel, [(try await f.signer("so-tt-an-giang"), .draft)])
        #expect(await f.refusal(byProvince, referencedRoles: ["bao-1": .provincial]) == nil)
    }

    @Test("a retained broker alert may be older than the window while in force; never expired or signed ahead")
    func untilExpiry() async throws {
        let f = try TrustFixtures()
        let payload = f.payload(lifetime: 86_400)
        let envelope = try await f.twoPersonEnvelope(payload)
        let hoursLater = f.now.addingTimeInterval(6 * 3_600)
        guard case .signatureTooOld = await f.refusal(envelope, at: hoursLater) else {
            Issue.record("the window did not apply to a direct push")
            return
        }
        #expect(await f.refusal(envelope, at: hoursLater, freshness: .untilExpiry) == nil)
        guard case .expired = await f.refusal(envelope, at: payload.expires.addingTimeInterval(1),
                                              freshness: .untilExpiry) else {
            Issue.record("an expired alert was accepted under the retained rule")
            return
        }
        let ahead = try f.envelope(payload, [(try await f.signer("so-tt-an-giang"), .draft),
                                             (try await f.signer("pho-giam-doc"), .approve)],
                                   at: f.now.addingTimeInterval(121))
        guard case .signatureInFuture = await f.refusal(ahead, freshness: .untilExpiry) else {
            Issue.record("an envelope signed ahead of the site's clock was accepted under the retained rule")
            return
        }
    }

    @Test("the newest iat must lie within −10/+2 minutes, and expires must be ahead")
    func timeWindow() async throws {
        let f = try TrustFixtures()
        let drafter = try await f.signer("so-tt-an-giang")
        let approver = try await f.signer("pho-giam-doc")
        let payload = f.payload(lifetime: 86_400)
        // The draft is an hour old; the approval is what counts.
        var envelope = AlertEnvelope(payload: payload)
        try drafter.sign(&envelope, part: .draft, at: f.now.addingTimeInterval(-3_600))
        try approver.sign(&envelope, part: .approve, at: f.now)
        #expect(await f.refusal(envelope.serialized()) == nil)
        #expect(await f.refusal(envelope.serialized(), at: f.now.addingTimeInterval(599)) == nil)
        guard case .signatureTooOld = await f.refusal(envelope.serialized(), at: f.now.addingTimeInterval(601)) else {
            Issue.record("an envelope signed 601 s ago was accepted")
            return
        }
        let ahead = try f.envelope(payload, [(drafter, .draft), (approver, .approve)],
                                   at: f.now.addingTimeInterval(121))
        guard case .signatureInFuture = await f.refusal(ahead) else {
            Issue.record("an envelope signed 121 s ahead was accepted")
            return
        }
        #expect(await f.refusal(ahead, at: f.now.addingTimeInterval(2)) == nil)
        let expired = f.payload(sent: f.now.addingTimeInterval(-120), lifetime: 60)
        #expect(await f.refusal(try f.envelope(expired, [(drafter, .draft), (approver, .approve)]))
                == .expired(expires: expired.expires))
        let tooLong = f.payload(lifetime: 8 * 86_400)
        #expect(await f.refusal(try f.envelope(tooLong, [(drafter, .draft), (approver, .approve)]))
                == .lifetimeTooLong(seconds: 8 * 86_400, limit: 7 * 86_400))
    }

    @Test("an oversized envelope is refused before it is parsed")
    func oversized() async throws {
        let f = try TrustFixtures()
        let bytes = try await f.twoPersonEnvelope(f.payload()) + Array(repeating: UInt8(ascii: " "), count: 65_536)
        #expect(await f.refusal(bytes) == .tooLarge(bytes: bytes.count, limit: 65_536))
        var big = f.payload(media: nil)
        big.content = AlertContent(tone: true, text: String(repeating: "x", count: 2_000))
        var tight = f.verifier
        tight.policy.maximumEnvelopeBytes = 4_096
        let envelope = try await f.twoPersonEnvelope(big)
        do {
            _ = try await tight.verify(envelope, now: f.now, standing: f.standing, referencedRole: { _ in nil })
            Issue.record("a \(envelope.count)-byte envelope passed a 4096-byte limit")
        } catch {
            #expect(error.step == .size)
        }
    }

    @Test("the checks run in the issue's order: with several faults, the earliest step names the refusal")
    func order() async throws {
        let f = try TrustFixtures()
        let elsewhere = AlertAudience(sites: ["xa-khac"])
        let stale = f.payload(audience: elsewhere, sent: f.now.addingTimeInterval(-7_200), lifetime: 60)
        // alg none beats a foreign certificate, a wrong audience, an expired payload and a single signer.
        var none = AlertEnvelope(payload: stale)
        try f.forge(&none, chain: ["other/intruder", "other/province-ca"], keyName: "other/intruder")
        try f.forge(&none, algorithm: "none", chain: ["so-tt-an-giang", "province-ca"], part: .approve)
        #expect(await f.refusal(none.serialized())?.step == .algorithm)
        // A bad signature beats the audience and the time.
        var altered = AlertEnvelope(payload: stale)
        try f.forge(&altered, chain: ["so-tt-an-giang", "province-ca"], signature: Array(repeating: 3, count: 64))
        #expect(await f.refusal(altered.serialized())?.step == .signatures)
        // The audience beats the time, the time beats the ACL, the ACL beats the number of people.
        let unlisted = try await f.signer("unlisted")
        #expect(await f.refusal(try f.envelope(stale, [(unlisted, .draft)]))?.step == .audience)
        let expired = f.payload(sent: f.now.addingTimeInterval(-7_200), lifetime: 60)
        #expect(await f.refusal(try f.envelope(expired, [(unlisted, .draft)]))?.step == .time)
        #expect(await f.refusal(try f.envelope(f.payload(), [(unlisted, .draft)]))?.step == .roles)
        let drafter = try await f.signer("so-tt-an-giang")
        #expect(await f.refusal(try f.envelope(f.payload(), [(drafter, .draft)]))?.step == .people)
        #expect(VerificationStep.allCases.map(\.rawValue) == Array(1...10))
    }
}
