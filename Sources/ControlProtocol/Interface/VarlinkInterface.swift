/// A parsed varlink interface description: its name, types, methods and errors in declaration order.
///
/// Tests use it to prove the served description is well-formed; the server uses it (through
/// `validate(call:)`) to refuse calls to unknown methods or with missing, mistyped or unknown parameters
/// before any handler runs.
public struct VarlinkInterface: Sendable, Hashable {
    /// The reverse-domain interface name, such as `io.communecast.Site`.
    public var name: String
    /// The `type` declarations.
    public var types: [VarlinkTypeDeclaration]
    /// The `method` declarations.
    public var methods: [VarlinkMethodDeclaration]
    /// The `error` declarations.
    public var errors: [VarlinkErrorDeclaration]

    /// Creates an interface from its parts.
    public init(
        name: String,
        types: [VarlinkTypeDeclaration] = [],
        methods: [VarlinkMethodDeclaration] = [],
        errors: [VarlinkErrorDeclaration] = []
    ) {
        self.name = name
        self.types = types
        self.methods = methods
        self.errors = errors
    }

    /// Parses and checks an interface description.
    public static func parse(_ text: String) throws(VarlinkInterfaceError) -> VarlinkInterface {
        var parser = try VarlinkIDLParser(text: text)
        return try parser.parseInterface()
    }

    /// The method with this short name (`GetHealth`), if declared.
    public func method(named name: String) -> VarlinkMethodDeclaration? {
        methods.first { $0.name == name }
    }

    /// The type with this name, if declared.
    public func type(named name: String) -> VarlinkType? {
        types.first { $0.name == name }?.type
    }

    /// The error with this short name, if declared.
    public func error(named name: String) -> VarlinkErrorDeclaration? {
        errors.first { $0.name == name }
    }

    /// Throws `.unknownType` if any field refers to a type name that is not declared.
    func checkTypeReferences() throws(VarlinkInterfaceError) {
        let declared = Set(types.map(\.name))
        var pending = types.map(\.type)
        pending += methods.flatMap { ($0.input + $0.output).map(\.type) }
        pending += errors.flatMap { $0.fields.map(\.type) }
        while let type = pending.popLast() {
            switch type {
            case .named(let name):
                guard declared.contains(name) else { throw .unknownType(name) }
            case .array(let element), .map(let element), .optional(let element):
                pending.append(element)
            case .structure(let fields):
                pending += fields.map(\.type)
            case .bool, .int, .float, .string, .object, .enumeration:
                break
            }
        }
    }
}
