/// A type in a varlink interface description.
public indirect enum VarlinkType: Sendable, Hashable {
    /// `bool`.
    case bool
    /// `int`: a JSON number without a fraction.
    case int
    /// `float`: any JSON number.
    case float
    /// `string`.
    case string
    /// `object`: any JSON object, not described further.
    case object
    /// `[]T`.
    case array(VarlinkType)
    /// `[string]T`: an object with arbitrary keys, all values of one type.
    case map(VarlinkType)
    /// `?T`: the field may be absent or `null`.
    case optional(VarlinkType)
    /// A type declared with `type Name ...` in the same interface.
    case named(String)
    /// `(name: T, ...)`.
    case structure([VarlinkField])
    /// `(a, b, c)`: one of these strings.
    case enumeration([String])

    /// Whether a field of this type may be left out.
    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }
}
