/// An `error Name (fields)` line of an interface description.
public struct VarlinkErrorDeclaration: Sendable, Hashable {
    /// The CamelCase error name without its interface.
    public var name: String
    /// The fields of the error reply's `parameters`.
    public var fields: [VarlinkField]

    /// Creates a declaration.
    public init(name: String, fields: [VarlinkField]) {
        self.name = name
        self.fields = fields
    }
}
