import AlertTrust
import Fleet

/// How many sites of an inventory an alert's audience reaches, for the preview: the figure a drafter and an approver
/// should both look at before an alert goes out.
struct AudienceCount {
    /// Sites the audience includes.
    var matched: Int
    /// Sites in the inventory.
    var total: Int
    /// The inventory file.
    var inventory: String

    /// Counts `audience` over the inventory at `path`; each site lies in its commune's area.
    init(audience: AlertAudience, inventoryPath path: String) throws {
        let inventory: Inventory
        do {
            inventory = try Inventory.load(path: path)
        } catch {
            throw CLIError("\(error)")
        }
        matched = inventory.sites.filter { site in
            audience.includes(SiteIdentity(name: site.name, tags: Set(site.tags),
                                           areas: site.commune.isEmpty ? [] : [site.commune]))
        }.count
        total = inventory.sites.count
        self.inventory = path
    }
}
