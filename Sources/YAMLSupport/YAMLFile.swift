import Foundation

/// Reads YAML files for the parsers built on `YAMLMap`, so a missing or unreadable file is reported in the same
/// located form as a problem inside it.
public enum YAMLFile {
    /// The file's text, or a `YAMLIssues` naming the file and why it cannot be read.
    public static func read(path: String) throws(YAMLIssues) -> String {
        let problem: String
        do {
            if let reason = notAFile(path) {
                problem = reason
            } else {
                return try String(contentsOfFile: path, encoding: .utf8)
            }
        } catch {
            problem = reason(for: error)
        }
        throw YAMLIssues([YAMLIssue(file: path, line: nil, key: "", problem: "cannot read: \(problem)")])
    }

    /// Why `path` (its symbolic links followed) cannot be a YAML file, or nil when it is a regular file or does not
    /// exist (which reading reports).
    private static func notAFile(_ path: String) -> String? {
        let values = try? URL(fileURLWithPath: path).resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
        guard let values else { return nil }
        if values.isDirectory == true { return "it is a directory, not a file" }
        if values.isRegularFile == false { return "it is not a regular file (a device, a socket or a pipe)" }
        return nil
    }

    /// Foundation's reasons in a few words (its own sentences name no file and end in "error 256").
    private static func reason(for error: Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?, .fileNoSuchFile?: "no such file"
        case .fileReadNoPermission?: "permission denied"
        case .fileReadInapplicableStringEncoding?, .fileReadUnknownStringEncoding?, .fileReadCorruptFile?:
            "it is not UTF-8 text"
        default: error.localizedDescription
        }
    }
}
