/// One person's signature in the envelope: their protected header, exactly as it was encoded, and the signature.
///
/// The encoded header text is kept because it, not a re-encoding of ``header``, is part of the signing input.
public struct AlertSignature: Sendable, Hashable {
    /// The base64url protected header as it appears in the envelope.
    public var encodedProtected: String
    /// The decoded header.
    public var header: ProtectedHeader
    /// The signature bytes (64 bytes for both accepted algorithms).
    public var signature: [UInt8]

    /// A signature over a header this program encoded.
    public init(header: ProtectedHeader, signature: [UInt8]) {
        self.encodedProtected = Base64URL.encode(header.jsonBytes)
        self.header = header
        self.signature = signature
    }

    /// A signature as read from an envelope.
    init(encodedProtected: String, header: ProtectedHeader, signature: [UInt8]) {
        self.encodedProtected = encodedProtected
        self.header = header
        self.signature = signature
    }
}
