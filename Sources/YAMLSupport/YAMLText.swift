import Foundation

/// How a problem report quotes what a file says. The daemon reports problems in files it reads with more rights than
/// the person who asks (a schedule reload over TLS), so a report names keys and short values that look like what a
/// person types into such a file, and never copies anything else: a file that is not what it should be (a link to
/// `/etc/shadow`, a key file) is described, not echoed.
public enum YAMLText {
    /// The longest key or value a report quotes.
    public static let longestQuoted = 64

    /// Characters besides letters, digits and marks that a quoted value may hold: enough for times, dates, zones,
    /// numbers and recurrence rules (`FREQ=WEEKLY;BYDAY=MO,TU`).
    private static let valuePunctuation = CharacterSet(charactersIn: " -_.:/+,=;")

    /// Characters besides ASCII letters and digits that a quoted key may hold.
    private static let keyPunctuation = CharacterSet(charactersIn: "_-.")

    /// `'value'` when `value` is short and made of letters, digits and the punctuation of ordinary settings;
    /// otherwise a description that does not show it.
    public static func quoted(_ value: String) -> String {
        guard isShowable(value) else {
            return "a value that is not shown (\(value.unicodeScalars.count) characters, not a plain setting)"
        }
        return "'\(value)'"
    }

    /// Whether `value` may be quoted in a report (see ``quoted(_:)``).
    public static func isShowable(_ value: String) -> Bool {
        guard !value.isEmpty, value.unicodeScalars.count <= longestQuoted else { return false }
        return value.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || valuePunctuation.contains($0)
        }
    }

    /// Whether a mapping key may be named in a report: 1 to 64 ASCII letters, digits, `_`, `-` or `.`, starting with
    /// a letter or digit or `_`.
    public static func isKeyLike(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= longestQuoted,
              first.isASCII, first.properties.isAlphabetic || first == "_" || ("0"..."9").contains(first) else {
            return false
        }
        return key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || keyPunctuation.contains($0))
        }
    }
}
