import Crypto

/// The SHA-256 of a payload's bytes: in full it is the replay store's content hash; shortened to 16 hex digits in
/// four groups (`3FA2-9C11-0B7E-54D2`) it is what the drafter reads out and the approver confirms with
/// `alert approve --confirm`, so an approval is bound to the exact payload the drafter saw.
public struct PayloadFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let digest: [UInt8]

    /// The fingerprint of `payloadBytes`.
    public init(payloadBytes: [UInt8]) {
        digest = Array(SHA256.hash(data: payloadBytes))
    }

    /// 64 lowercase hex digits.
    public var hex: String { digest.map(Self.hexByte).joined() }

    /// The first 8 bytes as `XXXX-XXXX-XXXX-XXXX`.
    public var short: String {
        let digits = digest.prefix(8).map(Self.hexByte).joined().uppercased()
        return stride(from: 0, to: 16, by: 4).map { offset in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return String(digits[start..<digits.index(start, offsetBy: 4)])
        }.joined(separator: "-")
    }

    /// The short form.
    public var description: String { short }

    /// Whether `text` (any case, with or without `-`, `:` or spaces) is this short fingerprint or the full hex.
    public func matches(_ text: String) -> Bool {
        let cleaned = text.lowercased().filter { $0.isHexDigit }
        let separators = text.filter { !$0.isHexDigit && !"-: ".contains($0) }
        guard separators.isEmpty else { return false }
        return cleaned == short.lowercased().filter(\.isHexDigit) || cleaned == hex
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16)
        return byte < 0x10 ? "0" + text : text
    }
}
