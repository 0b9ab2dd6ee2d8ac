import ArgumentParser
import Fleet
import Foundation

/// `--inventory` with `--site`, `--tag` or `--all`: the options that turn a site command into a fan-out over many
/// sites (issue 5). Without a selection the command talks to the one site `--connect` names.
struct FleetOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Inventory of sites (YAML, see the README); default: $COMMUNECAST_INVENTORY. With --site, --tag or --all "
            + "the command runs on each selected site.", valueName: "file"
    ))
    var inventory: String?

    @Option(name: .customLong("site"), help: ArgumentHelp("A site of the inventory, by name (repeatable).",
                                                          valueName: "name"))
    var sites: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp(
        "Every site with this tag (repeatable: a site with any of the tags is chosen).", valueName: "tag"
    ))
    var tags: [String] = []

    @Flag(help: "Every site of the inventory.")
    var all = false

    @Option(help: "Most sites contacted at once.")
    var concurrency: Int = 64

    /// Whether the command fans out: a selection or `--inventory` was given (an inventory without a selection is an
    /// error when the sites are chosen, rather than a silent fall-back to `--connect`).
    var isActive: Bool { all || !sites.isEmpty || !tags.isEmpty || inventory != nil }

    /// `--inventory`, else `COMMUNECAST_INVENTORY`.
    var inventoryPath: String? {
        inventory ?? ProcessInfo.processInfo.environment["COMMUNECAST_INVENTORY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        guard (1...1_024).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 1024") }
        if isActive, inventoryPath == nil {
            throw ValidationError("--site, --tag and --all need --inventory FILE (or COMMUNECAST_INVENTORY)")
        }
    }

    /// The selected sites of the inventory; with `defaultAll`, no selection means every site.
    func selectedSites(defaultAll: Bool = false) throws -> [Inventory.Site] {
        guard let path = inventoryPath else { throw CLIError("no inventory: give --inventory FILE") }
        let inventory: Inventory
        do {
            inventory = try Inventory.load(path: path)
        } catch {
            throw CLIError("\(error)")
        }
        do {
            let everything = all || (defaultAll && sites.isEmpty && tags.isEmpty)
            return try inventory.select(names: sites, tags: tags, all: everything)
        } catch {
            throw CLIError("\(error) (inventory \(path))")
        }
    }
}
