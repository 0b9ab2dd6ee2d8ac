/// Splits varlink IDL text into words and punctuation, dropping whitespace and `#` comments.
enum VarlinkIDLTokenizer {
    /// One token and the line it starts on.
    struct Token: Equatable {
        /// The token's text: a word (name or keyword) or one of `( ) , : ? [ ] ->`.
        var text: String
        /// The 1-based line number, for error messages.
        var line: Int
    }

    /// The tokens of `text`, ending with an empty token that marks the end.
    static func tokens(of text: String) throws(VarlinkInterfaceError) -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var index = 0
        var line = 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "?"),
                UInt8(ascii: "["), UInt8(ascii: "]"):
                tokens.append(Token(text: String(UnicodeScalar(byte)), line: line))
                index += 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">"):
                tokens.append(Token(text: "->", line: line))
                index += 2
            case _ where isWordByte(byte):
                let start = index
                while index < bytes.count, isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "-") {
                    let arrowFollows = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">")
                    if bytes[index] == UInt8(ascii: "-"), arrowFollows { break }
                    index += 1
                }
                tokens.append(Token(text: String(decoding: bytes[start..<index], as: UTF8.self), line: line))
            default:
                let character = String(decoding: bytes[index...].prefix(4), as: UTF8.self).prefix(1)
                throw .syntax(line: line, expected: "a name or punctuation", found: String(character))
            }
        }
        tokens.append(Token(text: "", line: line))
        return tokens
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
