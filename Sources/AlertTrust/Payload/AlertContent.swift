/// What an alert airs: stored media named by its SHA-256, or text for sites that can speak it (the speech issue),
/// and whether the attention tone comes first. A tone-only alert has neither media nor text.
public struct AlertContent: Sendable, Hashable {
    /// Whether the attention tone precedes the content.
    public var tone: Bool
    /// The SHA-256 of stored media, 64 lowercase hex digits.
    public var media: String?
    /// Text to speak.
    public var text: String?

    /// Creates content from parts.
    public init(tone: Bool, media: String? = nil, text: String? = nil) {
        self.tone = tone
        self.media = media
        self.text = text
    }

    /// Whether anything would air at all.
    public var airsAnything: Bool { tone || media != nil || text != nil }

    /// Whether `text` is a SHA-256 as media names it: 64 lowercase hex digits.
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The longest text accepted, in characters.
    public static let maximumTextLength = 2_000
}
