import Foundation

/// The names operators give media and schedules on a site: which characters are allowed, in one sentence a person
/// can act on, and a valid name made from a file name (`Thông báo tiêm phòng.wav` → `thong-bao-tiem-phong`). The
/// daemon checks names with it and the CLI makes its default names with it, so they always agree.
public struct SiteName: Sendable {
    /// What the name is for, in messages ("media name", "schedule name").
    public let what: String
    /// The longest name, in characters.
    public let maxLength: Int
    /// Whether letters beyond ASCII are allowed (media names are shown and typed; schedule names are also file
    /// names on the site, so they stay ASCII).
    public let allowsNonASCIILetters: Bool
    /// Whether the first character must be a letter or digit.
    public let startsWithLetterOrDigit: Bool
    /// Whether a name of 64 hex digits is refused, because things of this kind are also named by their SHA-256.
    public let refusesDigests: Bool

    /// Media names: 1–100 letters (Vietnamese ones too), digits, `.`, `-` and `_`, starting with a letter or digit
    /// (so never `.`, `..` or an option), and never 64 hex digits: media is also named by its SHA-256, so a name
    /// that looks like one would play other audio.
    public static let media = SiteName(what: "media name", maxLength: 100, allowsNonASCIILetters: true,
                                       startsWithLetterOrDigit: true, refusesDigests: true)
    /// Schedule names: 1–64 ASCII letters, digits, `.`, `-` and `_`, starting with a letter or digit.
    public static let schedule = SiteName(what: "schedule name", maxLength: 64, allowsNonASCIILetters: false,
                                          startsWithLetterOrDigit: true, refusesDigests: false)

    private static let punctuation: Set<Unicode.Scalar> = [".", "-", "_"]

    /// The rule in words, as every refusal states it.
    public var rule: String {
        let letters = allowsNonASCIILetters ? "letters (Vietnamese letters too)" : "letters a-z and A-Z"
        return "use 1 to \(maxLength) \(letters), digits 0-9, '.', '-' or '_', without spaces"
            + (startsWithLetterOrDigit ? ", starting with a letter or digit" : "")
    }

    /// Nil when `name` is valid, else what is wrong with it and the rule.
    public func problem(with name: String) -> String? {
        if name.isEmpty { return "the \(what) is empty; \(rule)" }
        if name.count > maxLength {
            return "the \(what) '\(name)' is \(name.count) characters long; \(rule)"
        }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
            let shown = bad == " " ? "a space" : bad.properties.generalCategory == .control ? "a control character"
                : "'\(Character(bad))'"
            return "the \(what) '\(name)' contains \(shown); \(rule)"
        }
        if startsWithLetterOrDigit, let first = name.unicodeScalars.first, Self.punctuation.contains(first) {
            return "the \(what) '\(name)' starts with '\(Character(first))'; \(rule)"
        }
        if refusesDigests, name.count == 64, name.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) {
            return "the \(what) '\(name)' looks like a SHA-256, which names media by its content; choose a name "
                + "that does not"
        }
        return nil
    }

    /// A valid name made from a file's name: its extension dropped, diacritics stripped (`đ` becomes `d`),
    /// lower-cased, and every run of other characters turned into one `-`; nil when nothing usable is left.
    public func from(fileName path: String) -> String? {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var slug = ""
        for scalar in base.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) || Self.punctuation.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        let trimmed = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-._")).prefix(maxLength))
            .trimmingCharacters(in: CharacterSet(charactersIn: "-._"))
        return problem(with: trimmed) == nil ? trimmed : nil
    }

    private func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if Self.punctuation.contains(scalar) { return true }
        guard CharacterSet.alphanumerics.contains(scalar) else { return false }
        return allowsNonASCIILetters || scalar.isASCII
    }
}
