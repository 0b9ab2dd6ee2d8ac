import Foundation

/// Checks the text an operator gives before anything is synthesised: not empty, not longer than one announcement,
/// and written in Latin script (quốc ngữ), which is all the Vietnamese voices can read. Text in another script
/// (Chinese, Cyrillic, Thai, Khmer, Lao...) is refused naming its first such letter and where it is, rather than
/// spoken as silence or letter names.
public enum SpeechText {
    /// The text, Unicode-composed (NFC) and trimmed, or the reason it cannot be spoken. `source` is `--text` or the
    /// file's path, for the message.
    public static func validate(_ text: String, source: String) throws(SpeechError) -> String {
        let composed = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !composed.isEmpty else { throw .emptyText(source: source) }
        guard composed.count <= SpeechError.maxCharacters else {
            throw .textTooLong(source: source, characters: composed.count, limit: SpeechError.maxCharacters)
        }
        var line = 1
        var column = 0
        for character in composed {
            column += 1
            if character.isNewline {
                line += 1
                column = 0
                continue
            }
            guard character.isLetter, let scalar = character.unicodeScalars.first, !isLatin(scalar) else { continue }
            throw .otherScript(source: source, character: character, line: line, column: column)
        }
        return composed
    }

    /// Reads a UTF-8 text file and validates it.
    public static func read(file path: String) throws(SpeechError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(source: path, reason: (error as NSError).localizedDescription)
        }
        guard data.count <= SpeechError.maxCharacters * 8 else {
            throw .textTooLong(source: path, characters: data.count, limit: SpeechError.maxCharacters)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(source: path, reason: "it is not UTF-8 text (save it as UTF-8)")
        }
        return try validate(text, source: path)
    }

    /// Latin letters: Basic Latin, Latin-1, Latin Extended-A/B, IPA and Latin Extended Additional (where
    /// Vietnamese's "ạ ế ữ" live), and the Latin Extended-C/D/E blocks.
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x2AF, 0x1D00...0x1DBF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F,
             0xFF21...0xFF3A, 0xFF41...0xFF5A: true
        default: false
        }
    }
}
