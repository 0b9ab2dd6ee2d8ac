/// Gathers the problems found while reading one or more YAML files, and the warnings: settings that are legal but
/// almost certainly not what the author meant (reported, never refused).
public final class YAMLCollector {
    /// Everything found so far.
    public private(set) var issues: [YAMLIssue] = []
    /// The warnings found so far, in the order found.
    public private(set) var warnings: [YAMLIssue] = []

    /// Creates an empty collector.
    public init() {}

    /// Records a problem.
    public func add(_ issue: YAMLIssue) { issues.append(issue) }

    /// Records a warning.
    public func warn(_ issue: YAMLIssue) { warnings.append(issue) }

    /// Throws every recorded problem at once, if there are any.
    public func throwIfAny() throws(YAMLIssues) {
        if !issues.isEmpty { throw YAMLIssues(issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
    }
}
