import HostSystem

extension MediaError {
    /// The media error an atomic write failure is to the pipeline's callers (`media encode`, the daemon's upload),
    /// which tell an unwritable output from bad input.
    public init(_ error: AtomicWriteError) {
        switch error {
        case let .exists(path): self = .outputExists(path: path)
        case let .unwritable(path, reason): self = .outputUnwritable(path: path, reason: reason)
        }
    }

    /// Runs `body`, reporting an ``AtomicWriteError`` from it as the ``MediaError`` it means.
    static func reportingWrites<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AtomicWriteError {
            throw MediaError(error)
        }
    }
}
