import ControlProtocol
import Fleet
import Foundation
import Uplink

extension FleetHealthCommand {
    /// The rows from the broker's retained status and health of every site (or of the inventory's selection): no
    /// traffic to the sites. A site online with its health is classified as the direct call would; one offline (its
    /// Will, or a clean stop) or without a status is `offline`; one online without a health is an `error`.
    func retainedRows(started: Date) async throws -> [FleetRow] {
        let selected = fleet.inventoryPath == nil ? nil : try fleet.selectedSites(defaultAll: true)
        let names = try selected?.map { site in
            do {
                return try Uplink.SiteName(site.name)
            } catch {
                throw CLIError("inventory site '\(site.name)' cannot be a name on the broker: \(error)")
            }
        }
        Terminal.progress("fleet health: reading the retained status and health on "
                          + broker.via.joined(separator: ", "))
        let connection = try await broker.connect(self.connection)
        let retained: [Uplink.SiteName: RetainedSite]
        do {
            retained = try await BrokerCollector(connection: connection)
                .readRetained(sites: names, timeout: .milliseconds(Int64(self.connection.timeout * 1_000))).sites
        } catch {
            await connection.close()
            Terminal.endProgress()
            throw CLIError("\(error)")
        }
        await connection.close()
        Terminal.endProgress()
        var contacts = LastContact.load()
        let sites = selected.map { $0.map { ($0.name, $0.commune) } }
            ?? retained.keys.map { ($0.rawValue, "") }.sorted { $0.0 < $1.0 }
        let rows = sites.map { name, commune -> FleetRow in
            let record = (try? Uplink.SiteName(name)).flatMap { retained[$0] }
            let (kind, message, health) = Self.classify(record)
            if health != nil { contacts.seen(name, at: started) }
            let address = record?.status?.broker.map { "via \($0)" } ?? "via broker"
            return FleetRow(site: name, commune: commune.isEmpty ? health?.commune ?? "" : commune, address: address,
                            kind: kind, message: message, health: health, lastContact: contacts.date(of: name),
                            now: started)
        }
        contacts.save()
        return rows
    }

    /// What the broker's record of a site says: its health (online only), or why there is none.
    private static func classify(_ record: RetainedSite?) -> (SiteResultKind, String?, Site.Health?) {
        guard let status = record?.status else {
            return (.offline, "the broker has no status for this site: it never connected", nil)
        }
        guard status.state == .online else {
            let why = status.reason.map { " (\($0))" } ?? " (its Last Will: the connection was lost)"
            return (.offline, "offline since session \(status.session) ended\(why)", nil)
        }
        guard let bytes = record?.health else {
            return (.error, "online since session \(status.session), but its health has expired or was never sent",
                    nil)
        }
        do {
            return (.ok, nil, try JSONParser().parse(bytes).decode(as: Site.Health.self))
        } catch {
            return (.error, "its retained health cannot be read: \(error)", nil)
        }
    }
}
