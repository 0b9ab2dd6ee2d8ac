import YAMLSupport

/// Why a policy cannot be used: a problem in its YAML (with file, line and key) or in a pinned key file.
public enum CAPPolicyError: Error, Sendable, CustomStringConvertible {
    /// Problems in the policy file.
    case yaml(YAMLIssues)
    /// A pinned certificate or public key that cannot be used.
    case pinnedKey(file: String, String)

    /// The problem in words, naming the file.
    public var description: String {
        switch self {
        case .yaml(let issues): issues.description
        case .pinnedKey(let file, let problem): "pinned key '\(file)' \(problem)"
        }
    }
}
