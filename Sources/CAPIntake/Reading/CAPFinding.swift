/// One thing found in a CAP message, located by its element path and line so an operator can go straight to it:
/// `line 6: alert/status: 'actual' is not a CAP status; CAP spells them Actual, Exercise, System, Test, Draft`.
public struct CAPFinding: Sendable, Hashable, CustomStringConvertible {
    /// Whether the message is refused for it.
    public enum Severity: String, Sendable, Hashable {
        /// The message is refused.
        case error
        /// The message is accepted; the operator should know.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// The element's path, `alert/info[2]/area[1]/polygon` (1-based positions among same-named siblings), or
    /// `document` for the bytes as a whole.
    public var element: String
    /// The line in the file, when known.
    public var line: Int?
    /// What is wrong and what would be accepted.
    public var message: String

    /// Creates a finding.
    public init(_ severity: Severity, _ element: String, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.element = element
        self.line = line
        self.message = message
    }

    /// The finding in one line.
    public var description: String {
        (line.map { "line \($0): " } ?? "") + "\(element): \(message)"
    }
}
