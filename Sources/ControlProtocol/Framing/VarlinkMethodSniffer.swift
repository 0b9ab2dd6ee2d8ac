/// Reads the method name from the start of a partly received call, so the frame decoder can pick a size
/// limit before the whole message has arrived.
///
/// It accepts only `{"method": "<name>"` as the first member, with optional whitespace and no escapes in the
/// name; anything else yields `nil` and the default limit applies. The full parse later checks everything.
public enum VarlinkMethodSniffer {
    /// The method named first in `bytes`, or `nil` when the message does not start that way.
    public static func leadingMethod(in bytes: ArraySlice<UInt8>) -> String? {
        var index = bytes.startIndex
        func skipWhitespace() {
            while index < bytes.endIndex, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }
        func consume(_ literal: String) -> Bool {
            for byte in literal.utf8 {
                guard index < bytes.endIndex, bytes[index] == byte else { return false }
                index += 1
            }
            return true
        }
        skipWhitespace()
        guard consume("{") else { return nil }
        skipWhitespace()
        guard consume("\"method\"") else { return nil }
        skipWhitespace()
        guard consume(":") else { return nil }
        skipWhitespace()
        guard consume("\"") else { return nil }
        let nameStart = index
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
            index += 1
        }
        guard index < bytes.endIndex else { return nil }
        return String(validating: bytes[nameStart..<index], as: UTF8.self)
    }
}
