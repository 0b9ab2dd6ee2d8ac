import ControlProtocol
import Foundation

/// One signer's JWS protected header: exactly `alg`, `x5c`, `part` and `iat`, nothing else.
///
/// `alg` is kept as the text the sender wrote, so that the verifier can refuse `none` or `HS256` with the name it
/// saw; `x5c` holds the DER of the signer's certificate and of the CA that issued it (RFC 7515 §4.1.6).
public struct ProtectedHeader: Sendable, Hashable {
    /// The `alg` value as written.
    public var algorithm: String
    /// DER certificates: the signer's first, then its issuing CA.
    public var certificateChain: [[UInt8]]
    /// Whether the signer drafted or approved.
    public var part: SignerPart
    /// When this signer signed (NumericDate: whole seconds since 1970).
    public var issuedAt: Date

    /// How many certificates `x5c` must hold: the person's and its issuing CA.
    public static let chainLength = 2

    /// Creates a header from parts.
    public init(algorithm: String, certificateChain: [[UInt8]], part: SignerPart, issuedAt: Date) {
        self.algorithm = algorithm
        self.certificateChain = certificateChain
        self.part = part
        self.issuedAt = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
    }

    /// The header's JSON text (sorted keys, compact), the bytes that get base64url-encoded and signed.
    public var jsonBytes: [UInt8] {
        JSONWriter.bytes(of: .object([
            "alg": .string(algorithm),
            "x5c": .array(certificateChain.map { .string(Data($0).base64EncodedString()) }),
            "part": .string(part.rawValue),
            "iat": .integer(Int64(issuedAt.timeIntervalSince1970)),
        ]))
    }

    /// Reads a decoded protected header strictly; `context` names it in errors.
    init(parsing bytes: [UInt8], context: String) throws(EnvelopeFormatError) {
        var object = try StrictObject(parsing: bytes, context: context)
        algorithm = try object.string("alg")
        let encodedChain = try object.strings("x5c")
        guard encodedChain.count == Self.chainLength else {
            throw object.invalid("x5c", "must hold exactly \(Self.chainLength) certificates (the signer's and its "
                                 + "issuing CA's), not \(encodedChain.count)")
        }
        var chain: [[UInt8]] = []
        for (index, text) in encodedChain.enumerated() {
            guard let der = Base64URL.decodeStandard(text), !der.isEmpty else {
                throw object.invalid("x5c", "entry \(index + 1) is not canonical base64 DER")
            }
            chain.append(der)
        }
        certificateChain = chain
        part = try object.choice("part", as: SignerPart.self)
        let seconds = try object.integer("iat")
        guard (0...253_402_300_799).contains(seconds) else {
            throw object.invalid("iat", "is not a time between 1970 and 9999")
        }
        issuedAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        try object.finish()
    }
}
