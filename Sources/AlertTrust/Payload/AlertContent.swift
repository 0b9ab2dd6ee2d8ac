import Foundation

/// What an alert airs: stored media named by its SHA-256, or text for sites that can speak it (the speech issue),
/// or a live stream the sites relay for a fixed time (issue 18: a live emergency broadcast), and whether the attention
/// tone comes first. A tone-only alert has none of them.
public struct AlertContent: Sendable, Hashable {
    /// Whether the attention tone precedes the content.
    public var tone: Bool
    /// The SHA-256 of stored media, 64 lowercase hex digits.
    public var media: String?
    /// Text to speak.
    public var text: String?
    /// The `http://` or `https://` Ogg Opus mounts of a stream to relay, the primary first.
    public var stream: [String]?
    /// How long the stream airs, seconds; given exactly when `stream` is.
    public var durationSeconds: Int?

    /// Creates content from parts.
    public init(tone: Bool, media: String? = nil, text: String? = nil, stream: [String]? = nil,
                durationSeconds: Int? = nil) {
        self.tone = tone
        self.media = media
        self.text = text
        self.stream = stream
        self.durationSeconds = durationSeconds
    }

    /// Whether anything would air at all.
    public var airsAnything: Bool { tone || media != nil || text != nil || stream != nil }

    /// The longest a stream may air, seconds: a day, as a played stream.
    public static let longestStreamSeconds = 86_400

    /// Whether `url` is a stream URL an alert may name: `http://` or `https://` with a host.
    public static func isStreamURL(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else { return false }
        return true
    }

    /// Whether `text` is a SHA-256 as media names it: 64 lowercase hex digits.
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The longest text accepted, in characters.
    public static let maximumTextLength = 2_000
}
