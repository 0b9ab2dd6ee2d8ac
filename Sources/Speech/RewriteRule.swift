import Foundation

/// One normalisation rule: an ICU regular expression whose matches are replaced by the words they are spoken as.
/// ICU is used (not Swift's `Regex`) for its look-behind, which keeps "TP" inside "ATP" and a date inside a longer
/// number from matching.
struct RewriteRule: @unchecked Sendable {
    /// What a rule's handler sees of one match.
    struct Match {
        fileprivate let source: NSString
        fileprivate let result: NSTextCheckingResult

        /// Capture group `index`, nil when it did not take part.
        func group(_ index: Int) -> Substring? {
            let range = result.range(at: index)
            guard range.location != NSNotFound else { return nil }
            return Substring(source.substring(with: range))
        }

        /// Capture group `index` as an integer.
        func number(_ index: Int) -> Int? { group(index).flatMap { Int($0) } }

        /// The word just before the match, lowercased ("ngày" in "ngày 15/9").
        var previousWord: String {
            let before = source.substring(to: result.range.location)
            let trimmed = before.reversed().drop { $0 == " " || $0 == "\u{A0}" }
            return String(trimmed.prefix { $0.isLetter }.reversed()).lowercased()
        }
    }

    private let regex: NSRegularExpression

    /// Compiles `pattern`; the patterns are constants checked by the normaliser's tests.
    init(_ pattern: String, caseInsensitive: Bool = false) {
        regex = try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// Replaces every match with what `speak` returns, padded with spaces; a nil leaves the match as it is.
    func apply(to text: String, _ speak: (Match) -> String?) -> String {
        let source = text as NSString
        var output = ""
        var last = 0
        for result in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            guard let spoken = speak(Match(source: source, result: result)) else { continue }
            output += source.substring(with: NSRange(location: last, length: result.range.location - last))
            output += " \(spoken) "
            last = result.range.location + result.range.length
        }
        output += source.substring(from: last)
        return output
    }
}
