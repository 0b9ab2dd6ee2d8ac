/// Gathers the problems found while reading one or more YAML files.
public final class YAMLCollector {
    /// Everything found so far.
    public private(set) var issues: [YAMLIssue] = []

    /// Creates an empty collector.
    public init() {}

    /// Records a problem.
    public func add(_ issue: YAMLIssue) { issues.append(issue) }

    /// Throws every recorded problem at once, if there are any.
    public func throwIfAny() throws(YAMLIssues) {
        if !issues.isEmpty { throw YAMLIssues(issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
    }
}
