import Crypto

/// Where one alert lives under a group: the retained topic `…/alert/SLOT` that holds the alert, then its updates,
/// then its signed tombstone. The slot is the first 16 bytes of SHA-256 over `issuer`, a zero byte and the alert's
/// id, in hex: fixed length, safe in a topic whatever the id contains, and computed the same way by the office for a
/// cancel or update from the id it references.
public struct AlertSlot: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let rawValue: String

    /// The slot of the alert `id` from `issuer`.
    public init(issuer: String, id: String) {
        let digest = SHA256.hash(data: Array(issuer.utf8) + [0] + Array(id.utf8))
        rawValue = digest.prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// A slot read back from a topic, if it is 32 lowercase hex digits.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 32,
              rawValue.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The hex digits.
    public var description: String { rawValue }
}
