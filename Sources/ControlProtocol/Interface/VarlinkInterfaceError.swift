/// Why an interface description is not valid varlink IDL.
public enum VarlinkInterfaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text breaks the grammar at this line; `expected` says what should have come instead of `found`.
    case syntax(line: Int, expected: String, found: String)
    /// A name breaks the naming rules (CamelCase members, snake_case fields, reverse-domain interface).
    case invalidName(String, line: Int)
    /// Two members, two fields of one struct or two enum values share a name.
    case duplicateName(String, line: Int)
    /// A field refers to a type the interface does not declare.
    case unknownType(String)

    /// A sentence that points the author of the description at the problem.
    public var description: String {
        switch self {
        case .syntax(let line, let expected, let found):
            "line \(line): expected \(expected), found '\(found)'"
        case .invalidName(let name, let line):
            "line \(line): '\(name)' is not a valid varlink name here"
        case .duplicateName(let name, let line):
            "line \(line): '\(name)' is declared twice"
        case .unknownType(let name):
            "the type '\(name)' is used but never declared"
        }
    }
}
