import ControlProtocol

/// Reads one JSON object's members by name, and refuses the object if it has a member nobody asked for.
///
/// Every reader of the envelope (the JWS object, a protected header, the payload) goes through this, so "exactly the
/// expected keys" is enforced in one place: required keys must be present with the right kind, optional ones may be
/// absent, and ``finish()`` refuses whatever is left.
struct StrictObject {
    /// Where the object is, for messages ("the payload", "signature 1's protected header").
    let context: String
    private let members: [String: JSONValue]
    private var seen: Set<String> = []

    /// Starts reading `value`, which must be an object.
    init(_ value: JSONValue, context: String) throws(EnvelopeFormatError) {
        guard let members = value.objectValue else {
            throw .wrongKind(context: context, key: "(top level)", expected: "an object")
        }
        self.context = context
        self.members = members
    }

    /// Parses `bytes` as strict JSON (duplicate keys refused) and starts reading the object.
    init(parsing bytes: some Collection<UInt8>, context: String, maxDepth: Int = 8) throws(EnvelopeFormatError) {
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: maxDepth).parse(bytes)
        } catch {
            throw .notJSON(context: context, error)
        }
        try self.init(value, context: context)
    }

    /// The member `key`, which must be present.
    mutating func required(_ key: String) throws(EnvelopeFormatError) -> JSONValue {
        guard let value = optional(key) else { throw .missingKey(context: context, key: key) }
        return value
    }

    /// The member `key`, or `nil` when absent; `null` counts as present and is left to the caller to refuse.
    mutating func optional(_ key: String) -> JSONValue? {
        seen.insert(key)
        return members[key]
    }

    /// A required string.
    mutating func string(_ key: String) throws(EnvelopeFormatError) -> String {
        guard let text = try required(key).stringValue else { throw wrongKind(key, "a string") }
        return text
    }

    /// An optional string: absent gives `nil`, anything but a string is refused.
    mutating func optionalString(_ key: String) throws(EnvelopeFormatError) -> String? {
        guard let value = optional(key) else { return nil }
        guard let text = value.stringValue else { throw wrongKind(key, "a string") }
        return text
    }

    /// A required integer (a number with a fraction or exponent is refused, not truncated).
    mutating func integer(_ key: String) throws(EnvelopeFormatError) -> Int64 {
        guard let number = try required(key).integerValue else { throw wrongKind(key, "an integer") }
        return number
    }

    /// A required integer within `range`.
    mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws(EnvelopeFormatError) -> Int {
        let number = try integer(key)
        guard range.contains(number) else {
            throw .invalidValue(context: context, key: key,
                                reason: "must be \(range.lowerBound) to \(range.upperBound), not \(number)")
        }
        return Int(number)
    }

    /// A required boolean.
    mutating func bool(_ key: String) throws(EnvelopeFormatError) -> Bool {
        guard let flag = try required(key).boolValue else { throw wrongKind(key, "true or false") }
        return flag
    }

    /// A required array of strings.
    mutating func strings(_ key: String) throws(EnvelopeFormatError) -> [String] {
        guard let elements = try required(key).arrayValue else { throw wrongKind(key, "an array of strings") }
        var texts: [String] = []
        for element in elements {
            guard let text = element.stringValue else { throw wrongKind(key, "an array of strings") }
            texts.append(text)
        }
        return texts
    }

    /// A required object, read strictly in turn.
    mutating func object(_ key: String) throws(EnvelopeFormatError) -> StrictObject {
        let value = try required(key)
        guard value.objectValue != nil else { throw wrongKind(key, "an object") }
        return try StrictObject(value, context: "'\(key)' of \(context)")
    }

    /// A required string naming one case of `Value`.
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ key: String, as type: Value.Type
    ) throws(EnvelopeFormatError) -> Value where Value.RawValue == String {
        let text = try string(key)
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw .invalidValue(context: context, key: key, reason: "is '\(text)'; it must be one of \(allowed)")
        }
        return value
    }

    /// Refuses the object if it has a member that was never asked for.
    func finish() throws(EnvelopeFormatError) {
        if let extra = members.keys.sorted().first(where: { !seen.contains($0) }) {
            throw .unknownKey(context: context, key: extra)
        }
    }

    /// An error for a value of the wrong kind.
    func wrongKind(_ key: String, _ expected: String) -> EnvelopeFormatError {
        .wrongKind(context: context, key: key, expected: expected)
    }

    /// An error for a value that is not allowed.
    func invalid(_ key: String, _ reason: String) -> EnvelopeFormatError {
        .invalidValue(context: context, key: key, reason: reason)
    }
}
