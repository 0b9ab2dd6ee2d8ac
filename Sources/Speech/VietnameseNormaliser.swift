import Foundation

/// Rewrites a Vietnamese bulletin into the words a broadcaster would say before espeak-ng reads it, because
/// espeak-ng reads "14h30" as "mười bốn hát ba mươi", drops the slash in "15/9" and spells "UBND" letter by letter.
///
/// The rules run in a fixed order, each replacing what it matches with words, so later rules never see digits an
/// earlier one already read: abbreviations (from an ``AbbreviationTable``), Roman-numeral and ranged warning levels
/// ("báo động II", "cấp 8-9"), dates, times, ordinals after "thứ", negative numbers, and finally numbers with an
/// optional range and unit ("1.250", "2,5", "5-10 mm", "120 km/h", "80%"). Anything no rule matches is left for
/// espeak-ng. Pure Swift, no state: safe from any thread.
public struct VietnameseNormaliser: Sendable {
    /// How numbers are read (northern "linh/nghìn" or southern "lẻ/ngàn").
    public let numbers: VietnameseNumbers
    /// Abbreviations read out in full.
    public let abbreviations: AbbreviationTable

    /// Creates a normaliser for a voice's dialect with an abbreviation table.
    public init(dialect: VietnameseNumbers.Dialect = .northern, abbreviations: AbbreviationTable = .builtIn) {
        numbers = VietnameseNumbers(dialect: dialect)
        self.abbreviations = abbreviations
    }

    /// The words to speak for `text`.
    public func normalise(_ text: String) -> String {
        var text = text.precomposedStringWithCanonicalMapping
        text = abbreviations.rule.apply(to: text) { abbreviations.expansions[String($0.group(0) ?? "")] }
        text = levels(text)
        text = dates(text)
        text = times(text)
        text = Self.ordinal.apply(to: text) { "\($0.group(1) ?? "thứ") \(numbers.ordinal($0.number(2) ?? 0))" }
        text = Self.negative.apply(to: text) { _ in "âm" }
        text = quantities(text)
        text = Self.symbols.apply(to: text) { Self.symbolWords[String($0.group(0) ?? "")] }
        return Self.tidy(text)
    }

    /// Collapses the spaces the rules pad their words with, and puts punctuation back against its word.
    static func tidy(_ text: String) -> String {
        var result = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for mark in [",", ".", ";", ":", "!", "?", ")"] { result = result.replacingOccurrences(of: " " + mark, with: mark) }
        return result.replacingOccurrences(of: "( ", with: "(")
    }

    /// "thứ 2", "lần thứ 3".
    static let ordinal = RewriteRule(#"(?<![\p{L}])(thứ)\s+(\d{1,3})(?![\p{N}])"#, caseInsensitive: true)
    /// A minus sign before a number that does not follow another number (so "5-10" stays a range).
    static let negative = RewriteRule(#"(?<![\p{L}\p{N}])(?<!\d\s)(?<!\d\s\s)-(?=\d)"#)
    /// Symbols espeak-ng would skip.
    static let symbols = RewriteRule(#"[&+=]"#)
    static let symbolWords = ["&": "và", "+": "cộng", "=": "bằng"]

    /// "báo động II" → "báo động hai", "cấp 8-9" → "cấp tám đến cấp chín".
    private func levels(_ text: String) -> String {
        let roman = Self.romanLevel.apply(to: text) { match in
            guard let word = match.group(1), let value = Self.romanValues[String(match.group(2) ?? "")] else {
                return nil
            }
            return "\(word) \(numbers.read(value))"
        }
        return Self.levelRange.apply(to: roman) { match in
            guard let word = match.group(1), let low = match.number(2), let high = match.number(3) else { return nil }
            return "\(word) \(numbers.read(low)) đến \(word.lowercased()) \(numbers.read(high))"
        }
    }

    static let romanLevel = RewriteRule(#"(?<![\p{L}])((?i:báo động|cấp độ|cấp))\s+(IV|V|I{1,3})(?![\p{L}\p{N}])"#)
    static let romanValues = ["I": 1, "II": 2, "III": 3, "IV": 4, "V": 5]
    static let levelRange = RewriteRule(#"(?<![\p{L}])((?i:báo động|cấp))\s+(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\p{N}])"#)

    /// "14h30", "14h", "5:30".
    private func times(_ text: String) -> String {
        Self.time.apply(to: text) { match in
            guard let hour = match.number(1) ?? match.number(3), hour <= 24 else { return nil }
            let minute = match.number(2) ?? match.number(4) ?? 0
            guard minute < 60 else { return nil }
            return "\(numbers.read(hour)) giờ" + (minute > 0 ? " \(numbers.read(minute)) phút" : "")
        }
    }

    static let time = RewriteRule(
        #"(?<![\p{L}\p{N}:,.])(?:(\d{1,2})h(\d{2})?(?![\p{L}\p{N}])|(\d{1,2}):(\d{2})(?![\p{N}:]))"#
    )
}
