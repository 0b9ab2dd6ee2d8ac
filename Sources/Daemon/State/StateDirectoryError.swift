/// Why the daemon cannot use its state directory, in words an operator can act on.
public enum StateDirectoryError: Error, Sendable, CustomStringConvertible {
    /// Another daemon holds the directory's lock; `pid` is what it wrote in the lock file, if anything yet.
    case inUse(directory: String, lockFile: String, pid: Int32?)
    /// The directory or its lock file could not be made or locked.
    case unusable(path: String, action: String, reason: String)

    /// A sentence for the terminal and the journal.
    public var description: String {
        switch self {
        case .inUse(let directory, let lockFile, let pid):
            "another communecastd (\(pid.map { "pid \($0)" } ?? "pid not yet written")) is already running with "
                + "the state directory \(directory) (it holds the lock on \(lockFile)); two daemons on one state "
                + "directory would air every programme twice. Stop the other one, or give this one its own "
                + "--state-dir"
        case .unusable(let path, let action, let reason):
            "cannot \(action) \(path): \(reason)"
        }
    }
}
