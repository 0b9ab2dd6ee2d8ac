/// A `method Name(input) -> (output)` line of an interface description.
public struct VarlinkMethodDeclaration: Sendable, Hashable {
    /// The CamelCase method name without its interface.
    public var name: String
    /// The fields of the call's `parameters`.
    public var input: [VarlinkField]
    /// The fields of the reply's `parameters`.
    public var output: [VarlinkField]

    /// Creates a declaration.
    public init(name: String, input: [VarlinkField], output: [VarlinkField]) {
        self.name = name
        self.input = input
        self.output = output
    }
}
