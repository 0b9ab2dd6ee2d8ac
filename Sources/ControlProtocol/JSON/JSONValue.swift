/// A JSON document held in memory, as varlink messages carry it.
///
/// Integers are kept apart from other numbers so that values such as byte counts and database ids
/// (`1234567890123`) survive a round trip exactly, which a `Double`-only model cannot promise beyond 2^53.
public enum JSONValue: Sendable, Hashable {
    /// The JSON literal `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number. Non-finite values cannot be written as JSON and are emitted as `null`.
    case number(Double)
    /// A string of Unicode scalars.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// An object; key order carries no meaning in varlink, so the writer sorts keys for stable output.
    case object([String: JSONValue])
}

extension JSONValue {
    /// The kind of value, as named in varlink interface descriptions and in error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .integer: "int"
        case .number: "float"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The members of an object, or `nil` for any other kind.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, or `nil` for any other kind.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text of a string, or `nil` for any other kind.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a boolean, or `nil` for any other kind.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The value of an integer, or `nil` for any other kind (a float is not silently truncated).
    public var integerValue: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// The value of any number as a `Double`, or `nil` for other kinds.
    public var doubleValue: Double? {
        switch self {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    /// Whether this is the `null` literal; varlink treats a `null` optional field like an absent one.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key` of an object, or `nil` when absent or when this is not an object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// Lets tests and handlers write `nil` for a JSON `null`.
    public init(nilLiteral: ()) { self = .null }
    /// Lets tests and handlers write `true` and `false` directly.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Lets tests and handlers write integer literals directly.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// Lets tests and handlers write float literals directly.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// Lets tests and handlers write string literals directly.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Lets tests and handlers write array literals directly.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Lets tests and handlers write object literals directly; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
