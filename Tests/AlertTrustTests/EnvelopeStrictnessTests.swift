import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// Duplicate keys and unknown fields, at every level of the envelope, are refused; so is anything that is not the
/// one canonical spelling the signatures cover.
@Suite("Envelope strictness")
struct EnvelopeStrictnessTests {
    /// The envelope's text with `old` replaced by `new` once (the writer sorts keys, so the text is predictable).
    private func replacing(_ bytes: [UInt8], _ old: String, _ new: String) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: old))
        return Array(text.replacingCharacters(in: range, with: new).utf8)
    }

    @Test("a key given twice in the envelope, a signature object or a protected header is refused at the parse")
    func duplicateKeys() async throws {
        let f = try TrustFixtures()
        let bytes = try await f.twoPersonEnvelope(f.payload())
        let payloadValue = try #require(try JSONParser().parse(bytes)["payload"]?.stringValue)
        let topLevel = try replacing(bytes, "{\"payload\":", "{\"payload\":\"\(payloadValue)\",\"payload\":")
        guard case .malformed(.notJSON(_, .duplicateKey("payload", _))) = await f.refusal(topLevel) else {
            Issue.record("a duplicate top-level key was not refused")
            return
        }
        let inSignature = try replacing(bytes, "{\"protected\":", "{\"signature\":\"AA\",\"protected\":")
        guard case .malformed(.notJSON(_, .duplicateKey("signature", _))) = await f.refusal(inSignature) else {
            Issue.record("a duplicate key in a signature object was not refused")
            return
        }
        var envelope = AlertEnvelope(payload: f.payload(status: .test))
        try f.forge(&envelope, chain: ["so-tt-an-giang", "province-ca"], keyName: "so-tt-an-giang")
        let header = String(decoding: envelope.signatures[0].header.jsonBytes, as: UTF8.self)
        let doubled = header.replacingOccurrences(of: "{\"alg\":\"ES256\"", with: "{\"alg\":\"ES256\",\"alg\":\"none\"")
        let forged = try replacing(envelope.serialized(), envelope.signatures[0].encodedProtected,
                                   Base64URL.encode(Array(doubled.utf8)))
        guard case .malformed(.notJSON(let context, .duplicateKey("alg", _))) = await f.refusal(forged) else {
            Issue.record("a duplicate key in a protected header was not refused")
            return
        }
        #expect(context == "signature 1's protected header")
    }

    @Test("a key given twice in the signed payload is refused after the signatures verify")
    func duplicatePayloadKey() async throws {
        let f = try TrustFixtures()
        let payload = f.payload(status: .test)
        let text = String(decoding: payload.jsonBytes, as: UTF8.self)
            .replacingOccurrences(of: "\"level\":\"emergency\"", with: "\"level\":\"priority\",\"level\":\"emergency\"")
        var envelope = AlertEnvelope(payloadBytes: Array(text.utf8))
        try (try await f.signer("so-tt-an-giang")).sign(&envelope, part: .draft, at: f.now)
        guard case .malformedPayload(.notJSON(_, .duplicateKey("level", _))) = await f.refusal(envelope.serialized())
        else {
            Issue.record("a duplicate payload key was not refused")
            return
        }
    }

    @Test("unknown fields are refused: at the top, an unprotected header, in a protected header, in the payload")
    func unknownFields() async throws {
        let f = try TrustFixtures()
        let bytes = try await f.twoPersonEnvelope(f.payload())
        let topLevel = try TrustFixtures.edit(bytes) { $0["note"] = "hi" }
        #expect(await f.refusal(topLevel) == .malformed(.unknownKey(context: "the envelope", key: "note")))
        let unprotected = try TrustFixtures.edit(bytes) { members in
            var signatures = members["signatures"]?.arrayValue ?? []
            var first = signatures[0].objectValue ?? [:]
            first["header"] = ["kid": "x"]
            signatures[0] = .object(first)
            members["signatures"] = .array(signatures)
        }
        #expect(await f.refusal(unprotected) == .malformed(.unknownKey(context: "signature 1", key: "header")))

        var envelope = AlertEnvelope(payload: f.payload(status: .test))
        try f.forge(&envelope, chain: ["so-tt-an-giang", "province-ca"], keyName: "so-tt-an-giang")
        let header = String(decoding: envelope.signatures[0].header.jsonBytes, as: UTF8.self)
        let withKid = "{\"kid\":\"1\"," + header.dropFirst()
        let forged = try replacing(envelope.serialized(), envelope.signatures[0].encodedProtected,
                                   Base64URL.encode(Array(withKid.utf8)))
        #expect(await f.refusal(forged)
                == .malformed(.unknownKey(context: "signature 1's protected header", key: "kid")))

        let text = String(decoding: f.payload(status: .test).jsonBytes, as: UTF8.self)
        for (old, new, context, key) in [
            ("{\"audience\"", "{\"note\":\"x\",\"audience\"", "the payload", "note"),
            ("\"tone\":true", "\"tone\":true,\"volume\":3", "'content' of the payload", "volume"),
            ("\"areas\":[]", "\"areas\":[],\"communes\":[]", "'audience' of the payload", "communes"),
        ] {
            var signed = AlertEnvelope(payloadBytes: Array(text.replacingOccurrences(of: old, with: new).utf8))
            try (try await f.signer("so-tt-an-giang")).sign(&signed, part: .draft, at: f.now)
            #expect(await f.refusal(signed.serialized()) == .malformedPayload(.unknownKey(context: context, key: key)))
        }
    }

    @Test("missing keys, nulls, wrong kinds and non-canonical base64url are refused")
    func otherMalformations() async throws {
        let f = try TrustFixtures()
        let bytes = try await f.twoPersonEnvelope(f.payload())
        let noSignatures = try TrustFixtures.edit(bytes) { $0["signatures"] = nil }
        #expect(await f.refusal(noSignatures) == .malformed(.missingKey(context: "the envelope", key: "signatures")))
        let empty = try TrustFixtures.edit(bytes) { $0["signatures"] = [] }
        guard case .malformed(.invalidValue(_, "signatures", _)) = await f.refusal(empty) else {
            Issue.record("an envelope without signatures was not refused")
            return
        }
        let nullPayload = try TrustFixtures.edit(bytes) { $0["payload"] = JSONValue.null }
        #expect(await f.refusal(nullPayload)
                == .malformed(.wrongKind(context: "the envelope", key: "payload", expected: "a string")))
        let padded = try TrustFixtures.edit(bytes) { members in
            let text = members["payload"]?.stringValue ?? ""
            members["payload"] = .string(text + String(repeating: "=", count: (4 - text.count % 4) % 4 + 4))
        }
        guard case .malformed(.invalidValue(_, "payload", _)) = await f.refusal(padded) else {
            Issue.record("padded base64url was not refused")
            return
        }
        #expect(await f.refusal(Array("[1,2]".utf8))
                == .malformed(.wrongKind(context: "the envelope", key: "(top level)", expected: "an object")))
        guard case .malformed(.notJSON) = await f.refusal(Array(bytes.dropLast())) else {
            Issue.record("a truncated envelope was not refused")
            return
        }
    }

    @Test("base64url is read canonically only")
    func base64URL() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.decode("-_9") == nil, "non-zero unused bits")
        #expect(Base64URL.decode("-_8=") == nil, "padding")
        #expect(Base64URL.decode("+/8") == nil, "standard alphabet")
        #expect(Base64URL.decode("-_8 ") == nil, "whitespace")
        #expect(Base64URL.decode("A") == nil, "impossible length")
        #expect(Base64URL.decode("") == [])
        #expect(Base64URL.decodeStandard("+/8=") == [0xFB, 0xFF])
        #expect(Base64URL.decodeStandard("+/8") == nil)
    }
}
