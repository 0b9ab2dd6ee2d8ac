/// Why a PEM file could not be used, in words an operator can act on: the file and what is wrong with it.
public struct PEMFileError: Error, Equatable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What is wrong, naming the file's role ("the site key is not a PEM private key ...").
    public let reason: String

    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "cannot use PATH: REASON".
    public var description: String { "cannot use \(path): \(reason)" }
}
