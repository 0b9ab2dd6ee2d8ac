/// A value of a closed list (a level, an outcome, a state) as a client reads it from a site: one of the values this
/// build knows, or the text of one that a newer site added since.
///
/// A province updates its CLI and its hundreds of sites at different times, so a reply may carry a value the client
/// was built without (issue 11: `interrupted` made older CLIs fail on every `log`). Fields that a client decodes hold
/// `Tolerant<Value>`: decoding never fails on an unknown value, the raw text is kept for display and round-trips
/// unchanged through `--json`, and code that acts on a value asks for ``known`` and treats `nil` as "not one I
/// know". It is generic so that any closed list of the protocol gets the same tolerance without code of its own.
public enum Tolerant<Known: RawRepresentable & Sendable & Hashable>: Sendable where Known.RawValue == String {
    /// A value this build knows.
    case known(Known)
    /// A value a newer peer sent, as its raw text.
    case unknown(String)

    /// Wraps a value this build knows; what the site itself sends.
    public init(_ value: Known) {
        self = .known(value)
    }

    /// The known value, or `nil` when the peer sent one this build does not know.
    public var known: Known? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// Whether the value is `value`; an unknown one never is.
    public static func == (lhs: Tolerant, rhs: Known) -> Bool {
        lhs.known == rhs
    }

    /// Whether the value is not `value`; an unknown one never is any known value.
    public static func != (lhs: Tolerant, rhs: Known) -> Bool {
        lhs.known != rhs
    }
}
