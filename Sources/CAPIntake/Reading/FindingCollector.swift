/// Gathers the findings of one reading, so every problem in a message is reported at once rather than one per run.
final class FindingCollector {
    /// Everything found, in the order found.
    private(set) var findings: [CAPFinding] = []

    /// Records an error at `element` (once, however often a value is read).
    func error(_ element: String, line: Int?, _ message: String) {
        add(CAPFinding(.error, element, line: line, message))
    }

    /// Records a warning at `element`.
    func warning(_ element: String, line: Int?, _ message: String) {
        add(CAPFinding(.warning, element, line: line, message))
    }

    private func add(_ finding: CAPFinding) {
        if !findings.contains(finding) { findings.append(finding) }
    }

    /// The errors.
    var errors: [CAPFinding] { findings.filter { $0.severity == .error } }

    /// The warnings.
    var warnings: [CAPFinding] { findings.filter { $0.severity == .warning } }

    /// Throws a refusal holding every error, if there is one.
    func throwIfErrors() throws(CAPRefusal) {
        let errors = errors
        if !errors.isEmpty { throw CAPRefusal(findings: errors) }
    }
}
