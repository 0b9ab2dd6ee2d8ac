/// Why the amplifier relay could not be switched, in words an installer can act on: which chip, line or command,
/// and what the system said.
public enum AmplifierError: Error, Equatable, CustomStringConvertible {
    /// The GPIO chip could not be opened (absent, not a GPIO chip, no permission).
    case chipUnavailable(chip: String, message: String)
    /// The chip has no such line.
    case noSuchLine(chip: String, line: Int, lineCount: Int)
    /// The line could not be requested as an output (another program holds it) or set.
    case lineFailed(chip: String, line: Int, action: String, message: String)
    /// A configured on or off command could not be started, failed or ran too long.
    case commandFailed(key: String, command: [String], reason: String)

    public var description: String {
        switch self {
        case let .chipUnavailable(chip, message):
            "GPIO chip '\(chip)' cannot be opened: \(message)"
        case let .noSuchLine(chip, line, count):
            "GPIO chip '\(chip)' has no line \(line): it has \(count) lines, 0 to \(count - 1)"
        case let .lineFailed(chip, line, action, message):
            "GPIO line \(line) of '\(chip)' cannot be \(action): \(message)"
        case let .commandFailed(key, command, reason):
            "amplifier \(key) '\(command.joined(separator: " "))' \(reason)"
        }
    }
}
