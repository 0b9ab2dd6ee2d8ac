/// Why a byte stream cannot be split into varlink messages. Either way the connection must be closed,
/// because the stream can no longer be trusted to be in step with message boundaries.
public enum VarlinkFrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A message grew past the byte limit in force for it, before or without its terminating NUL.
    case frameTooLarge(limit: Int)
    /// A NUL arrived with no message before it.
    case emptyFrame

    /// A sentence a person reading a log can act on.
    public var description: String {
        switch self {
        case .frameTooLarge(let limit):
            "a varlink message is larger than the limit of \(limit) bytes"
        case .emptyFrame:
            "received an empty varlink message (a NUL byte with nothing before it)"
        }
    }
}
