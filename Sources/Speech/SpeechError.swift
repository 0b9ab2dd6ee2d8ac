/// Why text cannot be spoken, phrased so an operator can act on it. `source` names where the text came from:
/// `--text` or the text file's path.
public enum SpeechError: Error, Equatable, CustomStringConvertible {
    /// The text is empty or only whitespace.
    case emptyText(source: String)
    /// The text is longer than one announcement may be.
    case textTooLong(source: String, characters: Int, limit: Int)
    /// The text holds letters of a script the Vietnamese voices cannot read (Chinese, Cyrillic, Thai...).
    case otherScript(source: String, character: Character, line: Int, column: Int)
    /// The text file cannot be read, or is not UTF-8.
    case unreadable(source: String, reason: String)
    /// The voice asked for is not an installed Vietnamese espeak-ng voice.
    case voiceNotInstalled(voice: String, installed: [String])
    /// The speaking rate is outside what espeak-ng takes.
    case rateOutOfRange(rate: Int)
    /// espeak-ng made no audio from the text.
    case silent(source: String)
    /// espeak-ng itself failed.
    case engine(action: String, message: String)
    /// espeak-ng, opened when text is first spoken, cannot be opened; `reason` is the loader's message.
    case engineUnavailable(reason: String)

    /// The longest text one announcement may hold, in characters (about 20 minutes of speech).
    public static let maxCharacters = 10_000
    /// espeak-ng's rate limits, words per minute.
    public static let rates = 80...450

    public var description: String {
        switch self {
        case let .emptyText(source):
            return "\(Self.name(source)) is empty; give the words to speak"
        case let .textTooLong(source, characters, limit):
            return "\(Self.name(source)) has \(characters) characters; one announcement takes at most \(limit), "
                + "so split it into shorter bulletins"
        case let .otherScript(source, character, line, column):
            let code = character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            return "\(Self.name(source)) has '\(character)' (\(code)) at line \(line), column \(column), which is not "
                + "Latin script; the Vietnamese voices read Vietnamese written in quốc ngữ only"
        case let .unreadable(source, reason):
            return "cannot read '\(source)': \(reason)"
        case let .voiceNotInstalled(voice, installed):
            let list = installed.isEmpty ? "none (install espeak-ng-data)" : installed.joined(separator: ", ")
            return "the voice '\(voice)' is not installed; the Vietnamese voices here are: \(list)"
        case let .rateOutOfRange(rate):
            return "a rate of \(rate) words per minute is outside espeak-ng's \(Self.rates.lowerBound)-"
                + "\(Self.rates.upperBound)"
        case let .silent(source):
            return "\(Self.name(source)) gave no speech (nothing in it can be read aloud)"
        case let .engine(action, message):
            return "espeak-ng failed \(action): \(message)"
        case let .engineUnavailable(reason):
            return "espeak-ng, which speaks text, cannot be opened (\(reason)); install it (Debian: apt install "
                + "libespeak-ng1 espeak-ng-data)"
        }
    }

    /// "the text given with --text" or "'bulletin.txt'".
    private static func name(_ source: String) -> String {
        source == "--text" ? "the text given with --text" : "'\(source)'"
    }
}
