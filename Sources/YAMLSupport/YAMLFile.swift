import Foundation

/// Reads YAML files for the parsers built on `YAMLMap`, so a missing or unreadable file is reported in the same
/// located form as a problem inside it.
public enum YAMLFile {
    /// The file's text, or a `YAMLIssues` naming the file and why it cannot be read.
    public static func read(path: String) throws(YAMLIssues) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw YAMLIssues([YAMLIssue(file: path, line: nil, key: "", problem: "cannot read: \(error.localizedDescription)")])
        }
    }
}
