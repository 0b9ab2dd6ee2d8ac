/// The varlink naming rules (varlink.org, "Interface Definition"), shared by message decoding and the IDL parser.
enum VarlinkMethodName {
    /// Splits `interface.Member` at its last dot, or returns `nil` if either part breaks the naming rules.
    ///
    /// It works on the UTF-8 bytes, without intermediate arrays: every call a server routes is split like this.
    static func split(_ qualified: String) -> (interface: String, member: String)? {
        let utf8 = qualified.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let memberStart = utf8.index(after: dot)
        guard isInterfaceName(utf8[..<dot]), isMemberName(utf8[memberStart...]) else { return nil }
        return (String(qualified[..<dot]), String(qualified[memberStart...]))
    }

    /// Whether `name` is a reverse-domain interface name such as `io.communecast.Site`.
    static func isInterfaceName(_ name: String) -> Bool {
        isInterfaceName(name.utf8[...])
    }

    /// Whether `name` is a type, method or error name: an upper-case letter, then letters and digits.
    static func isMemberName(_ name: String) -> Bool {
        isMemberName(name.utf8[...])
    }

    /// At least two dot-separated labels, the first starting with a letter; each label of letters, digits and
    /// hyphens, starting and ending with a letter or digit.
    private static func isInterfaceName(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        var labels = 1
        var previous: UInt8?
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard let last = previous, isLetter(last) || isDigit(last) else { return false }
                labels += 1
                previous = nil
                continue
            }
            if previous == nil {
                guard isLetter(byte) || isDigit(byte) else { return false }
            } else if !isLetter(byte), !isDigit(byte), byte != UInt8(ascii: "-") {
                return false
            }
            previous = byte
        }
        guard let last = previous, isLetter(last) || isDigit(last) else { return false }
        return labels >= 2
    }

    private static func isMemberName(_ bytes: Substring.UTF8View) -> Bool {
        guard let head = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(head) else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) }
    }

    /// Whether `name` is a field name: letters and digits, single underscores between them.
    static func isFieldName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let head = bytes.first, isLetter(head), let tail = bytes.last, tail != UInt8(ascii: "_") else {
            return false
        }
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "_") {
                if bytes[index - 1] == UInt8(ascii: "_") { return false }
            } else if !isLetter(byte), !isDigit(byte) {
                return false
            }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
