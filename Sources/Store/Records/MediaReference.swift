/// Something outside the store that plays media by the values its text gives (a schedule file of the daemon's
/// directory), so that ``Store/removeMedia(_:alsoUsedBy:)`` refuses to take away what it needs, by the same rules as
/// for the schedules the store keeps.
public struct MediaReference: Equatable, Sendable {
    /// How a refusal names it: `schedule:xa/tin-sang`.
    public var label: String
    /// The `media:` values it gives: names, sha256s or sha256 prefixes.
    public var mediaValues: [String]

    /// Creates a reference.
    public init(label: String, mediaValues: [String]) {
        self.label = label
        self.mediaValues = mediaValues
    }
}
