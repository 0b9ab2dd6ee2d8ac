/// Why a CAP message is refused: every error found, each naming its element. Nothing is drafted from it.
public struct CAPRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errors, in document order.
    public var findings: [CAPFinding]

    /// A refusal for several errors.
    public init(findings: [CAPFinding]) {
        self.findings = findings
    }

    /// A refusal for one error at `element`.
    public init(_ element: String, line: Int? = nil, _ message: String) {
        findings = [CAPFinding(.error, element, line: line, message)]
    }

    /// Every error, one per line.
    public var description: String { findings.map(\.description).joined(separator: "\n") }
}
