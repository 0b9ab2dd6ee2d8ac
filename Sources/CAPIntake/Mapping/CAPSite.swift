/// A site as CAP area matching sees it: its name (as in the inventory), where it stands, and its geocodes.
public struct CAPSite: Sendable, Hashable {
    /// The inventory name.
    public var name: String
    /// Its location, if the inventory gives one.
    public var location: GeoPoint?
    /// Its geocodes by `valueName` (`SAME`, a Vietnamese commune code...).
    public var geocodes: [String: Set<String>]

    /// Creates a site.
    public init(name: String, location: GeoPoint? = nil, geocodes: [String: Set<String>] = [:]) {
        self.name = name
        self.location = location
        self.geocodes = geocodes
    }
}
