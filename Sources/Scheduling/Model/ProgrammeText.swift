/// The words a text programme speaks (issue 16): the site renders them to Ogg Opus once, when the schedule is added
/// or loaded, and airs the result like any stored media. Voice and rate are kept as written (nil for the site's
/// default) so that this module needs nothing from the speech engine.
public struct ProgrammeText: Hashable, Sendable, Codable {
    /// The text as written in the schedule.
    public var text: String
    /// The espeak-ng voice, or nil for the default.
    public var voice: String?
    /// Words per minute, or nil for the default.
    public var rate: Int?

    /// Creates the text of a programme.
    public init(text: String, voice: String? = nil, rate: Int? = nil) {
        self.text = text
        self.voice = voice
        self.rate = rate
    }

    /// The first words, for tables and previews: at most `limit` characters, with "…" when cut.
    public func excerpt(limit: Int = 40) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var result = ""
        for word in words {
            let next = result.isEmpty ? String(word) : result + " " + word
            if next.count > limit {
                if result.isEmpty { result = String(word.prefix(limit)) }
                return result + "…"
            }
            result = next
        }
        return result
    }
}
