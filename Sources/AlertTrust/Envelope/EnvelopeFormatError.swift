import ControlProtocol

/// Why an envelope, a protected header or a payload is not exactly the document we expect.
///
/// The site refuses anything it does not fully understand: a missing key, an extra key, a key given twice, a value
/// of the wrong kind or out of range. Each case names where (`context`, such as "the payload" or "signature 2's
/// protected header") and what, so the refusal in the log can be acted on.
public enum EnvelopeFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not one strict JSON document (this includes a key given twice in one object).
    case notJSON(context: String, JSONParseError)
    /// A key the format requires is absent.
    case missingKey(context: String, key: String)
    /// A key the format does not define is present.
    case unknownKey(context: String, key: String)
    /// A value has the wrong JSON kind.
    case wrongKind(context: String, key: String, expected: String)
    /// A value has the right kind but is not allowed.
    case invalidValue(context: String, key: String, reason: String)

    /// A sentence an operator can act on.
    public var description: String {
        switch self {
        case .notJSON(let context, let error):
            "\(context) is not valid JSON: \(error)"
        case .missingKey(let context, let key):
            "\(context) lacks the required key '\(key)'"
        case .unknownKey(let context, let key):
            "\(context) has the key '\(key)', which this format does not define"
        case .wrongKind(let context, let key, let expected):
            "in \(context), '\(key)' must be \(expected)"
        case .invalidValue(let context, let key, let reason):
            "in \(context), '\(key)' \(reason)"
        }
    }
}
