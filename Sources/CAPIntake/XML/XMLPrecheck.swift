/// The checks made on a document's bytes before any parser sees them (issue 17): a size limit, UTF-8 only, and no
/// markup declaration of any kind. A CAP message needs no DTD, so `<!DOCTYPE`, `<!ENTITY` and their kin are refused
/// wherever they appear, which removes external entities, parameter entities, billion laughs and quadratic blow-ups
/// before libxml2 could be tricked into any of them. Only comments (`<!--`) and CDATA sections (`<![CDATA[`) may
/// follow `<!`.
enum XMLPrecheck {
    /// Refuses `bytes` unless they are at most `maximumBytes`, UTF-8 without NUL, with no markup declaration, and any
    /// XML declaration names UTF-8.
    static func check(_ bytes: [UInt8], maximumBytes: Int) throws(CAPRefusal) {
        guard !bytes.isEmpty else { throw CAPRefusal("document", "is empty") }
        guard bytes.count <= maximumBytes else {
            throw CAPRefusal("document", "is \(bytes.count) bytes; the policy's limit (max_bytes) is \(maximumBytes)")
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0, 0]) {
            throw CAPRefusal("document", "is UTF-16 or UTF-32; CAP messages are read as UTF-8 only")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw CAPRefusal("document", "is not valid UTF-8")
        }
        if let zero = bytes.firstIndex(of: 0) {
            throw CAPRefusal("document", line: line(at: zero, in: bytes), "holds a NUL byte")
        }
        try refuseDeclarations(bytes)
        try checkEncodingDeclaration(bytes)
    }

    private static func refuseDeclarations(_ bytes: [UInt8]) throws(CAPRefusal) {
        var index = 0
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "!") else { continue }
            let rest = bytes[(index + 2)...]
            if rest.starts(with: Array("--".utf8)) || rest.starts(with: Array("[CDATA[".utf8)) { continue }
            let word = String(decoding: rest.prefix(while: { isNameByte($0) }).prefix(12), as: UTF8.self)
            let what = word.uppercased() == "DOCTYPE" || word.uppercased() == "ENTITY"
                ? "a \(word.uppercased()) declaration" : "a markup declaration '<!\(word)'"
            throw CAPRefusal("document", line: line(at: index, in: bytes),
                             "holds \(what); CAP needs no DTD or entities, and they are refused before parsing")
        }
    }

    /// The XML declaration, if any, may only name UTF-8 (libxml2 is also told to ignore it and read UTF-8).
    private static func checkEncodingDeclaration(_ bytes: [UInt8]) throws(CAPRefusal) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes[start...].starts(with: Array("<?xml".utf8)),
              let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return }
        let declaration = String(decoding: bytes[start...end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return }
        let after = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = after.first, quote == "\"" || quote == "'" else { return }
        let name = after.dropFirst().prefix { $0 != quote }
        guard name.uppercased() == "UTF-8" || name.uppercased() == "UTF8" else {
            throw CAPRefusal("document", line: 1, "declares encoding '\(name)'; CAP messages are read as UTF-8 only")
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "[")
    }

    /// The 1-based line of byte `offset`.
    static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
