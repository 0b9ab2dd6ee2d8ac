/// The sites an alert is meant for: by site name, by tag, or by administrative area code. A site takes an alert
/// only if it is named, carries one of the tags, or lies in one of the areas (its commune, district or province code,
/// as its configuration lists them). An empty audience is refused: an alert for nobody is a mistake.
public struct AlertAudience: Sendable, Hashable {
    /// Site names, as in the inventory and the site's configuration.
    public var sites: [String]
    /// Site tags.
    public var tags: [String]
    /// Area codes (commune, district or province codes).
    public var areas: [String]

    /// Creates an audience from parts.
    public init(sites: [String] = [], tags: [String] = [], areas: [String] = []) {
        self.sites = sites
        self.tags = tags
        self.areas = areas
    }

    /// Whether nobody is addressed.
    public var isEmpty: Bool { sites.isEmpty && tags.isEmpty && areas.isEmpty }

    /// Whether a site with this name, these tags and these areas is addressed.
    public func includes(_ site: SiteIdentity) -> Bool {
        sites.contains(site.name) || tags.contains(where: site.tags.contains)
            || areas.contains(where: site.areas.contains)
    }

    /// "sites a, b; tags c; areas 89" for previews and refusals.
    public var summary: String {
        var parts: [String] = []
        if !sites.isEmpty { parts.append("sites \(sites.joined(separator: ", "))") }
        if !tags.isEmpty { parts.append("tags \(tags.joined(separator: ", "))") }
        if !areas.isEmpty { parts.append("areas \(areas.joined(separator: ", "))") }
        return parts.isEmpty ? "nobody" : parts.joined(separator: "; ")
    }
}
