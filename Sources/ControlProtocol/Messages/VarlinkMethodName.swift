/// The varlink naming rules (varlink.org, "Interface Definition"), shared by message decoding and the IDL parser.
enum VarlinkMethodName {
    /// Splits `interface.Member` at its last dot, or returns `nil` if either part breaks the naming rules.
    static func split(_ qualified: String) -> (interface: String, member: String)? {
        guard let dot = qualified.lastIndex(of: ".") else { return nil }
        let interface = String(qualified[..<dot])
        let member = String(qualified[qualified.index(after: dot)...])
        guard isInterfaceName(interface), isMemberName(member) else { return nil }
        return (interface, member)
    }

    /// Whether `name` is a reverse-domain interface name such as `io.communecast.Site`.
    static func isInterfaceName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let first = labels.first?.utf8.first, isLetter(first) else { return false }
        return labels.allSatisfy { label in
            guard let head = label.utf8.first, let tail = label.utf8.last,
                isLetter(head) || isDigit(head), isLetter(tail) || isDigit(tail)
            else { return false }
            return label.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// Whether `name` is a type, method or error name: an upper-case letter, then letters and digits.
    static func isMemberName(_ name: String) -> Bool {
        guard let head = name.utf8.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(head) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) }
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
