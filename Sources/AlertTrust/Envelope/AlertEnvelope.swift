import ControlProtocol

/// A signed alert as it travels: JWS JSON General Serialization (RFC 7515 §7.2.1), one payload and one signature per
/// person.
///
/// ```json
/// {"payload":"<base64url payload>",
///  "signatures":[{"protected":"<base64url header>","signature":"<base64url signature>"}, …]}
/// ```
///
/// Nothing is canonicalised: the envelope keeps the payload and each header exactly as encoded, signatures are
/// checked over those texts, and the payload that is then decoded is the very bytes that were signed.
public struct AlertEnvelope: Sendable, Hashable {
    /// The base64url payload as it appears in the envelope.
    public private(set) var encodedPayload: String
    /// The payload's bytes (the JSON text of an ``AlertPayload``).
    public private(set) var payloadBytes: [UInt8]
    /// The signatures, in the order they were added.
    public var signatures: [AlertSignature]

    /// An unsigned envelope around `payloadBytes`, ready for its first signature.
    public init(payloadBytes: [UInt8]) {
        self.payloadBytes = payloadBytes
        self.encodedPayload = Base64URL.encode(payloadBytes)
        self.signatures = []
    }

    /// An unsigned envelope around a payload this program encodes.
    public init(payload: AlertPayload) {
        self.init(payloadBytes: payload.jsonBytes)
    }

    /// The JWS signing input for `signature`: `ASCII(protected) || '.' || ASCII(payload)` (RFC 7515 §5.1).
    public func signingInput(for signature: AlertSignature) -> [UInt8] {
        signingInput(encodedProtected: signature.encodedProtected)
    }

    /// The signing input for a header that is about to be signed.
    public func signingInput(encodedProtected: String) -> [UInt8] {
        var input = Array(encodedProtected.utf8)
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: encodedPayload.utf8)
        return input
    }

    /// The envelope's JSON text, as written to a file or sent to a site.
    public func serialized() -> [UInt8] {
        JSONWriter.bytes(of: .object([
            "payload": .string(encodedPayload),
            "signatures": .array(signatures.map { signature in
                .object([
                    "protected": .string(signature.encodedProtected),
                    "signature": .string(Base64URL.encode(signature.signature)),
                ])
            }),
        ]))
    }

    /// Reads an envelope strictly: exactly `payload` and `signatures` at the top, exactly `protected` and
    /// `signature` in each signature (no unprotected `header`), canonical base64url everywhere, and each protected
    /// header read strictly. The payload is decoded from base64url but not parsed: that waits until its signatures
    /// have been checked.
    public static func parse(_ bytes: [UInt8], maximumSignatures: Int) throws(EnvelopeFormatError) -> AlertEnvelope {
        var top = try StrictObject(parsing: bytes, context: "the envelope")
        let encodedPayload = try top.string("payload")
        guard let payloadBytes = Base64URL.decode(encodedPayload), !payloadBytes.isEmpty else {
            throw top.invalid("payload", "is not canonical unpadded base64url")
        }
        guard let entries = try top.required("signatures").arrayValue else {
            throw top.wrongKind("signatures", "an array")
        }
        guard (1...maximumSignatures).contains(entries.count) else {
            throw top.invalid("signatures", "must hold 1 to \(maximumSignatures) signatures, not \(entries.count)")
        }
        try top.finish()
        var envelope = AlertEnvelope(payloadBytes: payloadBytes)
        envelope.encodedPayload = encodedPayload
        for (index, entry) in entries.enumerated() {
            envelope.signatures.append(try parseSignature(entry, context: "signature \(index + 1)"))
        }
        return envelope
    }

    private static func parseSignature(_ value: JSONValue, context: String) throws(EnvelopeFormatError)
        -> AlertSignature
    {
        var object = try StrictObject(value, context: context)
        let encodedProtected = try object.string("protected")
        let encodedSignature = try object.string("signature")
        try object.finish()
        guard let headerBytes = Base64URL.decode(encodedProtected), !headerBytes.isEmpty else {
            throw object.invalid("protected", "is not canonical unpadded base64url")
        }
        guard let signature = Base64URL.decode(encodedSignature) else {
            throw object.invalid("signature", "is not canonical unpadded base64url")
        }
        let header = try ProtectedHeader(parsing: headerBytes, context: "\(context)'s protected header")
        return AlertSignature(encodedProtected: encodedProtected, header: header, signature: signature)
    }
}
