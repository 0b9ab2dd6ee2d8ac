/// One problem in a YAML file, located so an operator can go straight to it: "communecastd.yaml:12: audio.volume_db:
/// expected a number in dB, got 'loud'".
public struct YAMLIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as given.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted key path, e.g. "audio.volume_db" or "programmes[2].rrule"; empty for the whole document.
    public var key: String
    /// What is wrong and what would be accepted.
    public var problem: String

    /// Creates an issue.
    public init(file: String, line: Int?, key: String, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(location): \(problem)" : "\(location): \(key): \(problem)"
    }

    /// The issue as a warning, as compilers write them: `communecastd.yaml:4: warning: socket: …`.
    public var warningDescription: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(location): warning: \(problem)" : "\(location): warning: \(key): \(problem)"
    }
}

/// Several problems found in one pass, so a file can be fixed in one go rather than one error at a time.
public struct YAMLIssues: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem, in file order.
    public var issues: [YAMLIssue]

    /// Wraps the problems.
    public init(_ issues: [YAMLIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
