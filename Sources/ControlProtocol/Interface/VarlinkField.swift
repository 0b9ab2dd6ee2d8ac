/// A named field of a struct, method input or output, or error.
public struct VarlinkField: Sendable, Hashable {
    /// The field's snake_case name, which is also its JSON key.
    public var name: String
    /// The field's type; `.optional` when the field may be absent.
    public var type: VarlinkType

    /// Creates a field.
    public init(name: String, type: VarlinkType) {
        self.name = name
        self.type = type
    }

    /// Whether a caller may leave the field out.
    public var isOptional: Bool {
        type.isOptional
    }
}
