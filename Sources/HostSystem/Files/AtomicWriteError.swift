/// Why an ``AtomicFileWriter`` could not put a file in place; the destination is named, never the hidden temporary.
public enum AtomicWriteError: Error, Equatable, CustomStringConvertible {
    /// The destination exists and the caller did not ask to replace it.
    case exists(path: String)
    /// The destination cannot be written: a missing directory, no permission, a full disk...
    case unwritable(path: String, reason: String)

    /// The destination named in the error.
    public var path: String {
        switch self {
        case let .exists(path), let .unwritable(path, _): path
        }
    }

    /// What an operator reads.
    public var description: String {
        switch self {
        case let .exists(path): "'\(path)' already exists"
        case let .unwritable(path, reason): "cannot write '\(path)': \(reason)"
        }
    }
}
