import ArgumentParser
import CAPIntake
import Fleet
import Foundation

/// `--policy` and `--inventory`, shared by the cap commands.
struct CAPInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The CAP policy (YAML, docs/cap.md): trusted senders, pinned certificates and the "
                               + "mapping (default: built-in, which trusts no sender).", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("Inventory (YAML) whose site locations and geocodes CAP areas are matched against "
                               + "(default: $COMMUNECAST_INVENTORY).", valueName: "file"))
    var inventory: String?

    /// The policy file's contents, or the defaults.
    func loadPolicy() throws -> CAPPolicy {
        guard let policy else { return CAPPolicy() }
        do {
            return try CAPPolicy.load(path: policy)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The inventory's sites as area matching sees them (none without an inventory).
    func loadSites() throws -> [CAPSite] {
        guard let path = inventory ?? SigningOptions.environment("COMMUNECAST_INVENTORY") else { return [] }
        let loaded: Inventory
        do {
            loaded = try Inventory.load(path: path)
        } catch {
            throw CLIError("\(error)")
        }
        return loaded.sites.map { site in
            CAPSite(name: site.name,
                    location: site.location.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) },
                    geocodes: site.geocodes.mapValues(Set.init))
        }
    }

    /// The bytes of a CAP file, read up to the policy's limit (a larger file is refused by the checks).
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw CLIError("'\(path)' \(reason)")
        }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: limit + 1)) ?? Data())
    }
}
