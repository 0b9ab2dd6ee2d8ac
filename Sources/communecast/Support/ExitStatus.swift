/// The exit statuses every command uses, documented in `--help` and the README.
enum ExitStatus {
    /// The command failed.
    static let failure: Int32 = 1
    /// The command line was wrong.
    static let usage: Int32 = 2
    /// Some targets succeeded and some did not.
    static let partial: Int32 = 3
    /// Stopped by Ctrl-C after cleaning up.
    static let interrupted: Int32 = 130
}
