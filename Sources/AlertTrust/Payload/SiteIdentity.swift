/// Who this site is, as far as an alert's audience is concerned: its name, its tags and the area codes it lies in.
/// The daemon builds it from its configuration; the CLI builds one per inventory entry to count an audience.
public struct SiteIdentity: Sendable, Hashable {
    /// The site's name.
    public var name: String
    /// The site's tags.
    public var tags: Set<String>
    /// The area codes the site lies in (its commune code, and its district and province codes if configured).
    public var areas: Set<String>

    /// Creates an identity from parts.
    public init(name: String, tags: Set<String> = [], areas: Set<String> = []) {
        self.name = name
        self.tags = tags
        self.areas = areas
    }
}
