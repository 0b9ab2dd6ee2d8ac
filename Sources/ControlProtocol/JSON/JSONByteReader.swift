/// The cursor that `JSONParser` walks over a message's bytes; one instance parses one document.
struct JSONByteReader {
    /// The whole message.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The deepest nesting allowed.
    let maxDepth: Int
    /// The index of the next unread byte.
    private(set) var position = 0

    /// Starts reading at the first byte.
    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Steps over the four whitespace bytes JSON allows.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position += 1
            default:
                return
            }
        }
    }

    /// Reads one value starting at the current (non-whitespace) byte.
    mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw .unexpectedEnd }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            return try readObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        case let byte:
            throw .unexpectedByte(byte, offset: position)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw .unexpectedEnd }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for index in 0..<count where bytes[position + index] != expected[index] {
            throw .unexpectedByte(bytes[position + index], offset: position + index)
        }
        position += count
    }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard position < bytes.count else { throw .unexpectedEnd }
        guard bytes[position] == byte else { throw .unexpectedByte(bytes[position], offset: position) }
        position += 1
    }

    private mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw .nestingTooDeep(limit: maxDepth) }
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let keyOffset = position
            try expect(UInt8(ascii: "\""))
            position -= 1
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try readValue(depth: depth)
            if members.updateValue(value, forKey: key) != nil {
                throw .duplicateKey(key, offset: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count else { throw .unexpectedEnd }
            let separator = bytes[position]
            position += 1
            if separator == UInt8(ascii: "}") { return .object(members) }
            guard separator == UInt8(ascii: ",") else { throw .unexpectedByte(separator, offset: position - 1) }
        }
    }

    private mutating func readArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw .nestingTooDeep(limit: maxDepth) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw .unexpectedEnd }
            let separator = bytes[position]
            position += 1
            if separator == UInt8(ascii: "]") { return .array(elements) }
            guard separator == UInt8(ascii: ",") else { throw .unexpectedByte(separator, offset: position - 1) }
        }
    }

    /// Reads a string whose opening quote is at the current position.
    private mutating func readString() throws(JSONParseError) -> String {
        let start = position
        position += 1
        let contentStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                position += 1
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw .invalidUTF8(offset: start)
                }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try readEscapedString(start: start, contentStart: contentStart)
            }
            if byte < 0x20 { throw .unexpectedByte(byte, offset: position) }
            position += 1
        }
        throw .unexpectedEnd
    }

    /// The slow path for strings containing escapes: decode into a scratch buffer, then validate it whole.
    private mutating func readEscapedString(start: Int, contentStart: Int) throws(JSONParseError) -> String {
        var scratch = Array(bytes[contentStart..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scratch, as: UTF8.self) else { throw .invalidUTF8(offset: start) }
                return text
            case UInt8(ascii: "\\"):
                try readEscape(into: &scratch, stringStart: start)
            case 0..<0x20:
                throw .unexpectedByte(byte, offset: position - 1)
            default:
                scratch.append(byte)
            }
        }
        throw .unexpectedEnd
    }

    private mutating func readEscape(into scratch: inout [UInt8], stringStart: Int) throws(JSONParseError) {
        guard position < bytes.count else { throw .unexpectedEnd }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800..<0xDC00).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw .invalidUTF8(offset: stringStart) }
                position += 2
                let low = UInt32(try readHex4())
                guard (0xDC00..<0xE000).contains(low) else { throw .invalidUTF8(offset: stringStart) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .invalidUTF8(offset: stringStart) }
            UTF8.encode(unicode) { scratch.append($0) }
        default:
            throw .unexpectedByte(byte, offset: position - 1)
        }
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw .unexpectedEnd }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .unexpectedByte(byte, offset: position)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    /// Reads a number; integers that fit in 64 bits stay exact, everything else becomes a finite `Double`.
    private mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard position < bytes.count else { throw .unexpectedEnd }
        var accumulator: Int64 = 0
        var overflowed = false
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            guard isDigit(at: position) else { throw .invalidNumber(offset: start) }
            while isDigit(at: position) {
                let digit = Int64(bytes[position] - UInt8(ascii: "0"))
                let (shifted, overflow1) = accumulator.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
                overflowed = overflowed || overflow1 || overflow2
                accumulator = next
                position += 1
            }
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard isDigit(at: position) else { throw .invalidNumber(offset: start) }
            while isDigit(at: position) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard isDigit(at: position) else { throw .invalidNumber(offset: start) }
            while isDigit(at: position) { position += 1 }
        }
        if isInteger, !overflowed {
            if negative { return .integer(accumulator) }
            if accumulator != .min { return .integer(-accumulator) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw .invalidNumber(offset: start) }
        return .number(number)
    }

    private func isDigit(at index: Int) -> Bool {
        index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
    }
}
