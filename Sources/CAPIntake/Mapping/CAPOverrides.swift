import AlertTrust
import ControlProtocol

/// The decisions a person adds with `cap draft` when a message is held: the audience, the level, or the content.
public struct CAPOverrides: Sendable, Hashable {
    /// The audience instead of the area's sites.
    public var audience: AlertAudience?
    /// The level instead of the mapped one.
    public var level: Site.AlertLevel?
    /// Text to speak instead of the info's.
    public var text: String?
    /// Stored media (SHA-256) to air instead.
    public var media: String?

    /// Creates overrides; none by default.
    public init(audience: AlertAudience? = nil, level: Site.AlertLevel? = nil, text: String? = nil,
                media: String? = nil) {
        self.audience = audience
        self.level = level
        self.text = text
        self.media = media
    }
}
