import Foundation

/// Finds programs the way `execvp` will when a profile's command or `hw test` runs them, so a missing program is
/// reported when the profile is checked rather than when the amplifier must switch on.
public enum ExecutableSearch {
    /// The executable file `program` names: the path itself when it has a slash, else the first match on `PATH`;
    /// nil when there is none.
    public static func find(
        _ program: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
