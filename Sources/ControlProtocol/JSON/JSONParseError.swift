/// Why a byte sequence is not a JSON document we accept.
///
/// Offsets count bytes from the start of the message, so an operator can find the spot in a hex dump.
public enum JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A string holds bytes that are not well-formed UTF-8 (or an escaped lone surrogate).
    case invalidUTF8(offset: Int)
    /// The bytes break the JSON grammar.
    case unexpectedByte(UInt8, offset: Int)
    /// The document stops in the middle of a value.
    case unexpectedEnd
    /// A number is malformed or too large to represent.
    case invalidNumber(offset: Int)
    /// An object names the same key twice; we refuse rather than guess which one the sender meant.
    case duplicateKey(String, offset: Int)
    /// Arrays and objects nest deeper than the parser allows.
    case nestingTooDeep(limit: Int)
    /// Something follows the single top-level value.
    case trailingData(offset: Int)

    /// A sentence a person reading a log can act on.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset):
            "text at byte \(offset) is not valid UTF-8"
        case .unexpectedByte(let byte, let offset):
            "unexpected byte 0x\(String(byte, radix: 16)) at byte \(offset)"
        case .unexpectedEnd:
            "the JSON text ends in the middle of a value"
        case .invalidNumber(let offset):
            "the number at byte \(offset) is malformed or out of range"
        case .duplicateKey(let key, let offset):
            "the key '\(key)' appears twice in one object (second at byte \(offset))"
        case .nestingTooDeep(let limit):
            "arrays and objects nest deeper than \(limit) levels"
        case .trailingData(let offset):
            "unexpected data after the JSON value at byte \(offset)"
        }
    }
}
