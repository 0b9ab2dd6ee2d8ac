/// A rendered text: the stored file and what the store and the as-run log need to know about it.
public struct RenderedSpeech: Sendable, Equatable {
    /// The Ogg Opus file.
    public let path: String
    /// The cache key (also the file's stem).
    public let key: String
    /// Whether the file was already there.
    public let cached: Bool
    /// The words spoken.
    public let spokenText: String
    /// Length in seconds.
    public let durationSeconds: Double
    /// Size in bytes.
    public let bytes: Int
    /// SHA-256 of the file's bytes.
    public let sha256: String
}
