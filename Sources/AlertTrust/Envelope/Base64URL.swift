import Foundation

/// The unpadded base64url of RFC 7515 §2, read strictly: only the URL-safe alphabet, no padding, no whitespace, and
/// only the one canonical spelling of each byte string (unused trailing bits must be zero). A lenient decoder would
/// let two different texts stand for the same bytes, and the signing input is the text, not the bytes.
///
/// It works on bytes, not `String`s: the envelope's texts are ASCII, and a site decodes several kilobytes of them per
/// alert.
public enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: encodedBytes(Data(bytes)), as: UTF8.self)
    }

    /// The bytes `text` encodes, or `nil` unless it is canonical unpadded base64url.
    public static func decode(_ text: String) -> [UInt8]? {
        var standard = Array(text.utf8)
        guard standard.count % 4 != 1 else { return nil }
        for index in standard.indices {
            switch standard[index] {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"): standard[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): standard[index] = UInt8(ascii: "/")
            default: return nil
            }
        }
        standard.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - standard.count % 4) % 4))
        guard let data = Data(base64Encoded: Data(standard)) else { return nil }
        return encodedBytes(data).elementsEqual(text.utf8) ? [UInt8](data) : nil
    }

    /// The standard padded base64 that `x5c` uses (RFC 7515 §4.1.6), read as strictly: the canonical text only.
    public static func decodeStandard(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: Data(text.utf8)) else { return nil }
        return data.base64EncodedData().elementsEqual(text.utf8) ? [UInt8](data) : nil
    }

    /// The unpadded base64url bytes of `data`.
    private static func encodedBytes(_ data: Data) -> [UInt8] {
        var bytes = [UInt8](data.base64EncodedData())
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "+") {
                bytes[index] = UInt8(ascii: "-")
            } else if bytes[index] == UInt8(ascii: "/") {
                bytes[index] = UInt8(ascii: "_")
            }
        }
        return bytes
    }
}
