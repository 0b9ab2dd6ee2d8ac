/// A `type Name (...)` line of an interface description: a named struct or enum.
public struct VarlinkTypeDeclaration: Sendable, Hashable {
    /// The CamelCase type name.
    public var name: String
    /// The struct or enum the name stands for.
    public var type: VarlinkType

    /// Creates a declaration.
    public init(name: String, type: VarlinkType) {
        self.name = name
        self.type = type
    }
}
