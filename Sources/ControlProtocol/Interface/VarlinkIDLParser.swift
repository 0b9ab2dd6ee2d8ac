/// A recursive-descent parser for the varlink interface definition grammar (varlink.org).
struct VarlinkIDLParser {
    private let tokens: [VarlinkIDLTokenizer.Token]
    private var position = 0

    /// Prepares to parse `text`.
    init(text: String) throws(VarlinkInterfaceError) {
        tokens = try VarlinkIDLTokenizer.tokens(of: text)
    }

    /// Parses the whole description.
    mutating func parseInterface() throws(VarlinkInterfaceError) -> VarlinkInterface {
        try expect("interface")
        let nameToken = try next(expected: "an interface name")
        guard VarlinkMethodName.isInterfaceName(nameToken.text) else {
            throw .invalidName(nameToken.text, line: nameToken.line)
        }
        var interface = VarlinkInterface(name: nameToken.text)
        var memberNames: Set<String> = []
        guard !current.text.isEmpty else {
            throw .syntax(line: current.line, expected: "type, method or error", found: "end of text")
        }
        while !current.text.isEmpty {
            let keyword = try next(expected: "type, method or error")
            let name = try memberName()
            guard memberNames.insert(name).inserted else { throw .duplicateName(name, line: keyword.line) }
            switch keyword.text {
            case "type":
                interface.types.append(VarlinkTypeDeclaration(name: name, type: try structOrEnum()))
            case "method":
                let input = try structFields()
                try expect("->")
                let output = try structFields()
                interface.methods.append(VarlinkMethodDeclaration(name: name, input: input, output: output))
            case "error":
                interface.errors.append(VarlinkErrorDeclaration(name: name, fields: try structFields()))
            default:
                throw .syntax(line: keyword.line, expected: "type, method or error", found: keyword.text)
            }
        }
        try interface.checkTypeReferences()
        return interface
    }

    private var current: VarlinkIDLTokenizer.Token {
        tokens[position]
    }

    private mutating func next(expected: String) throws(VarlinkInterfaceError) -> VarlinkIDLTokenizer.Token {
        let token = current
        guard !token.text.isEmpty else { throw .syntax(line: token.line, expected: expected, found: "end of text") }
        position += 1
        return token
    }

    private mutating func expect(_ text: String) throws(VarlinkInterfaceError) {
        let token = current
        guard token.text == text else {
            let found = token.text.isEmpty ? "end of text" : token.text
            throw .syntax(line: token.line, expected: "'\(text)'", found: found)
        }
        position += 1
    }

    private mutating func accept(_ text: String) -> Bool {
        guard current.text == text else { return false }
        position += 1
        return true
    }

    private mutating func memberName() throws(VarlinkInterfaceError) -> String {
        let token = try next(expected: "a CamelCase name")
        guard VarlinkMethodName.isMemberName(token.text) else { throw .invalidName(token.text, line: token.line) }
        return token.text
    }

    private mutating func fieldName() throws(VarlinkInterfaceError) -> VarlinkIDLTokenizer.Token {
        let token = try next(expected: "a field name")
        guard VarlinkMethodName.isFieldName(token.text) else { throw .invalidName(token.text, line: token.line) }
        return token
    }

    /// A parenthesised field list that must be a struct (method input and output, errors).
    private mutating func structFields() throws(VarlinkInterfaceError) -> [VarlinkField] {
        let line = current.line
        switch try structOrEnum() {
        case .structure(let fields): return fields
        case .enumeration: throw .syntax(line: line, expected: "a struct of 'name: type' fields", found: "an enum")
        default: return []
        }
    }

    /// `()`, `(name: type, ...)` or `(a, b, ...)`.
    private mutating func structOrEnum() throws(VarlinkInterfaceError) -> VarlinkType {
        try expect("(")
        if accept(")") { return .structure([]) }
        let first = try fieldName()
        if accept(":") {
            var fields = [VarlinkField(name: first.text, type: try type())]
            while accept(",") {
                let name = try fieldName()
                guard !fields.contains(where: { $0.name == name.text }) else {
                    throw .duplicateName(name.text, line: name.line)
                }
                try expect(":")
                fields.append(VarlinkField(name: name.text, type: try type()))
            }
            try expect(")")
            return .structure(fields)
        }
        var values = [first.text]
        while accept(",") {
            let value = try fieldName()
            guard !values.contains(value.text) else { throw .duplicateName(value.text, line: value.line) }
            values.append(value.text)
        }
        try expect(")")
        return .enumeration(values)
    }

    /// A field type, including `?`, `[]` and `[string]` prefixes.
    private mutating func type() throws(VarlinkInterfaceError) -> VarlinkType {
        if accept("?") {
            let line = current.line
            if current.text == "?" { throw .syntax(line: line, expected: "a type", found: "?") }
            return .optional(try type())
        }
        if accept("[") {
            if accept("]") { return .array(try type()) }
            try expect("string")
            try expect("]")
            return .map(try type())
        }
        if current.text == "(" { return try structOrEnum() }
        let token = try next(expected: "a type")
        switch token.text {
        case "bool": return .bool
        case "int": return .int
        case "float": return .float
        case "string": return .string
        case "object": return .object
        case let name where VarlinkMethodName.isMemberName(name): return .named(name)
        default: throw .syntax(line: token.line, expected: "a type", found: token.text)
        }
    }
}
