#if canImport(Glibc)
import Glibc
#endif

/// A Linux call that failed where there is nothing to do but report it: the call and `strerror`'s text.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
    /// The C function that failed, such as `timerfd_create`.
    public let function: String
    /// `strerror(errno)` at the failure.
    public let reason: String

    /// Captures `errno` now, so call it straight after the failing call.
    public init(_ function: String) {
        self.function = function
        reason = String(cString: strerror(errno))
    }

    /// What the log and the operator read.
    public var description: String { "\(function) failed: \(reason)" }
}
