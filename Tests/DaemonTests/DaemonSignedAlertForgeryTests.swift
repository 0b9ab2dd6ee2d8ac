import AlertTrust
import CommuneCastTesting
import Crypto
import Foundation
import Testing

/// Issue 14's attacks on the envelope's own parts, through the real daemon: a forbidden `alg`, one person signing
/// twice, a signer certificate outside its validity or signed by itself, and a payload with a field the site does not
/// know. Envelopes are written by hand (SignedAlertSite+Forgery); each is refused with its code, logged once, airs
/// nothing and leaves the store as it was.
@Suite("communecastd: forged signed alerts", .serialized)
struct DaemonSignedAlertForgeryTests {
    @Test("alg none, HS256 and RS256 in a protected header are refused before any signature is checked")
    func forbiddenAlgorithms() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let payload = fixture.payload(id: "bao-alg").jsonBytes
        let chain = ["so-tt-an-giang", "province-ca"]
        for (algorithm, size) in [("none", 0), ("HS256", 32), ("RS256", 256)] {
            let header = try fixture.header(alg: algorithm, chain: chain, part: .draft)
            var signature = [UInt8](repeating: 0x5A, count: size)
            if algorithm == "HS256" {
                // Keyed with the signer's own certificate: a public value mistaken for a shared secret.
                let secret = SymmetricKey(data: Data(base64Encoded: try fixture.x5c("so-tt-an-giang")) ?? Data())
                let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
                signature = Array(HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: secret))
            }
            let envelope = try fixture.forged(payload, [
                SignedAlertSite.ForgedSignature(header: header, signature: signature),
                try fixture.honest("pho-giam-doc", .approve),
            ])
            let reply = try fixture.expectRefused(envelope, code: "algorithm_not_allowed", "alg \(algorithm)")
            #expect(SignedAlertSite.refusalReason(reply).contains("alg '\(algorithm)'"), "\(reply)")
        }
        try fixture.expectNothingAired()
    }

    @Test("two signatures by one person (the same key, another certificate of the subject) do not make two people")
    func samePersonTwice() async throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let province = try await fixture.signer("so-tt-an-giang")
        let deputy = try await fixture.signer("pho-giam-doc")
        // so-tt-an-giang's key certified again as ban-chi-huy, and a second certificate (new key) of the subject.
        let sameKey = try await fixture.signer("same-key")
        let secondCertificate = try await fixture.signer("so-tt-an-giang-2")
        let cases: [(name: String, signers: [(AlertSigner, SignerPart)], code: String)] = [
            ("the same key twice", [(deputy, .draft), (province, .approve), (province, .approve)],
             "same_person_twice"),
            ("one key under two names", [(deputy, .draft), (province, .approve), (sameKey, .approve)],
             "same_person_twice"),
            ("two certificates of one subject", [(deputy, .draft), (province, .approve), (secondCertificate, .approve)],
             "same_person_twice"),
            ("the drafter approving with the key under another name", [(province, .draft), (sameKey, .approve)],
             "drafter_approved"),
            ("the drafter approving with a second certificate", [(province, .draft), (secondCertificate, .approve)],
             "drafter_approved"),
        ]
        for (index, attack) in cases.enumerated() {
            let envelope = try fixture.envelope(fixture.payload(id: "bao-p\(index)"), attack.signers)
            try fixture.expectRefused(envelope, code: attack.code, attack.name)
        }
        try fixture.expectNothingAired()
    }

    @Test("an expired, a not-yet-valid or a self-signed signer certificate in x5c is refused")
    func certificatesOutsideTrust() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let payload = fixture.payload(id: "bao-cert").jsonBytes
        let cases: [(name: String, chain: [String], key: String)] = [
            ("expired signer", ["expired", "province-ca"], "expired"),
            ("not-yet-valid signer", ["not-yet-valid", "province-ca"], "not-yet-valid"),
            ("self-signed signer beside the provincial CA", ["self-signed", "province-ca"], "self-signed"),
            ("self-signed signer as its own issuer", ["self-signed", "self-signed"], "self-signed"),
        ]
        for attack in cases {
            // Each signature is sound over the exact signing input: only the certificate is wrong.
            let envelope = try fixture.forged(payload, [
                SignedAlertSite.ForgedSignature(
                    header: try fixture.header(alg: "ES256", chain: attack.chain, part: .draft), key: attack.key
                ),
                try fixture.honest("pho-giam-doc", .approve),
            ])
            let reply = try fixture.expectRefused(envelope, code: "untrusted_certificate", attack.name)
            #expect(SignedAlertSite.refusalReason(reply).hasPrefix("signature 1: "), "\(reply)")
        }
        try fixture.expectNothingAired()

        // The same hand-made envelope with two trusted signers is accepted: the refusals above are the certificates'.
        let honest = try fixture.forged(payload, [
            try fixture.honest("so-tt-an-giang", .draft), try fixture.honest("pho-giam-doc", .approve),
        ])
        let accepted = try fixture.pushRaw(honest)
        #expect((accepted["parameters"] as? [String: Any])?["outcome"] as? String == "accepted", "\(accepted)")
    }

    @Test("an unknown field inside the signed payload is refused after the signatures hold")
    func unknownPayloadField() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let text = String(decoding: fixture.payload(id: "bao-extra").jsonBytes, as: UTF8.self)
        let cases: [(name: String, payload: String)] = [
            ("unknown top-level field", "{\"priority_override\":true," + text.dropFirst()),
            ("unknown content field", text.replacingOccurrences(of: "\"content\":{",
                                                                with: "\"content\":{\"voice\":\"nam\",")),
            ("unknown audience field", text.replacingOccurrences(of: "\"audience\":{",
                                                                 with: "\"audience\":{\"everyone\":true,")),
        ]
        for attack in cases {
            #expect(attack.payload != text, "\(attack.name) changed nothing")
            let envelope = try fixture.forged(Array(attack.payload.utf8), [
                try fixture.honest("so-tt-an-giang", .draft), try fixture.honest("pho-giam-doc", .approve),
            ])
            let reply = try fixture.expectRefused(envelope, code: "malformed_payload", attack.name)
            #expect(SignedAlertSite.refusalReason(reply).contains("which this format does not define"),
                    "\(attack.name): \(reply)")
        }
        try fixture.expectNothingAired()
    }
}
