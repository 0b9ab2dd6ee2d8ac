import ArgumentParser
import Speech

/// Text to speak, shared by `media speak` and `media upload --text`: where the words come from and how they are read.
struct TextInputOptions: ParsableArguments {
    @Option(help: "The words to speak (Vietnamese, at most 10,000 characters).")
    var text: String?

    @Option(name: .customLong("text-file"), help: "A UTF-8 text file holding the words to speak.")
    var textFile: String?

    @Option(help: "The espeak-ng voice: vi (northern), vi-vn-x-central or vi-vn-x-south.")
    var voice: String = SpeechSettings.defaultVoice

    @Option(help: "Speaking rate in words per minute (80-450).")
    var rate: Int = SpeechSettings.defaultRate

    @Option(name: .customLong("abbreviations"), help: ArgumentHelp(
        "A YAML file of extra abbreviations to read out in full (repeatable).",
        discussion: "Read after the built-in table and \(AbbreviationTable.overridePath)."
    ))
    var abbreviationFiles: [String] = []

    /// Whether any text was given.
    var isActive: Bool { text != nil || textFile != nil }

    func validate() throws {
        if text != nil && textFile != nil { throw ValidationError("give --text or --text-file, not both") }
        guard SpeechError.rates.contains(rate) else {
            throw ValidationError("--rate must be \(SpeechError.rates.lowerBound)-\(SpeechError.rates.upperBound) "
                                  + "words per minute, got \(rate)")
        }
    }

    /// The words and where they came from (`--text` or the file's path).
    func read() throws -> (text: String, source: String) {
        if let text { return (text, "--text") }
        guard let textFile else { throw ValidationError("give the words with --text or --text-file") }
        return (try SpeechText.read(file: textFile), textFile)
    }

    /// The voice and rate.
    var settings: SpeechSettings { SpeechSettings(voice: voice, rate: rate) }

    /// The built-in table with the site's and the operator's additions.
    func abbreviations() throws -> AbbreviationTable {
        do {
            return try AbbreviationTable.load(files: abbreviationFiles)
        } catch {
            throw CLIError("\(error)")
        }
    }
}
