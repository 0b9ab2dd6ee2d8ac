/// The rule every name we put in a topic level follows (site names, group ids): 1 to 64 letters, digits, `.`, `_`
/// or `-`, not starting with `.`. So a name can never add a level, match as a wildcard (`+`, `#`) or reach the
/// broker's `$SYS` tree, and Mosquitto's `%u` ACL patterns always apply to it.
enum TopicName {
    /// Whether `text` follows the rule.
    static func isValid(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count), !text.hasPrefix(".") else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }
}

/// A name that cannot go into a topic, quoting it and saying what it is.
public struct TopicNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the name is for ("site name", "group id").
    public let kind: String
    /// The name as given.
    public let name: String

    /// The problem in a sentence.
    public var description: String {
        "\(kind) '\(name)' cannot be used in a topic: use 1 to 64 letters, digits, '.', '_' or '-', not starting "
            + "with '.'"
    }
}
