import AlertTrust
import ArgumentParser
import Fleet
import Foundation
import Uplink

extension AlertSendCommand {
    /// One site's answer as `--json` prints it, the same fields as the direct fan-out's.
    struct BrokerEntry: Encodable {
        let site: String
        let commune: String
        let address: String
        let result: String
        let message: String?
        let seconds: Double
        let session: Int?
    }

    /// Publishes the file once per group on the broker and gathers each site's answer from its events and status;
    /// the same table, summary, JSON and exit status (0, 3, 1) as the direct fan-out.
    func sendViaBroker(_ ready: SignedAlertDelivery.Ready) async throws {
        let payload = ready.payload
        let groupIDs = try (groups.isEmpty ? ["all"] : groups).map { group in
            do {
                return try GroupID(group)
            } catch {
                throw CLIError("--group: \(error)")
            }
        }
        let selected = fleet.isActive ? try fleet.selectedSites() : nil
        let scheme = TopicScheme()
        Terminal.progress("alert send: connecting to \(broker.via.joined(separator: ", "))")
        // Events and status before publishing, so no answer is missed (statuses are retained and arrive at once).
        // Without a selection, the retained statuses are read first to know the sites, then the events added.
        let connection = try await broker.connect(
            self.connection, subscribing: selected == nil ? [] : [scheme.allEvents, scheme.allStatus]
        )
        defer { Terminal.endProgress() }
        do {
            let sites = try await expectedSites(selected, on: connection)
            let slots = payload.messageType == .alert || payload.references.isEmpty ? nil : payload.references
            try await BrokerPublisher(connection: connection).publishAlert(
                Array(ready.envelope.utf8), issuer: payload.issuer, id: payload.id, slots: slots,
                expires: payload.expires, groups: groupIDs
            )
            let total = sites.count
            Terminal.progress("alert send: published to \(groupIDs.count) group(s); 0/\(total) sites answered")
            let results = await BrokerCollector(connection: connection).gatherAlertResults(
                alert: "\(payload.issuer)/\(payload.id)", sites: sites, since: 0,
                deadline: .milliseconds(Int64(self.connection.timeout * 1_000))
            ) { answered, ok in
                Terminal.progress("alert send: \(answered)/\(total) sites answered, \(ok) ok, \(answered - ok) not")
            }
            await connection.close()
            Terminal.endProgress()
            try report(results, communes: Dictionary((selected ?? []).map { ($0.name, $0.commune) }) { $1 })
        } catch {
            await connection.close()
            throw error
        }
    }

    /// The inventory's selection, or every site the broker holds a status for (read with the marker that says
    /// every retained message has arrived).
    private func expectedSites(_ selected: [Inventory.Site]?, on connection: BrokerConnection) async throws
        -> [Uplink.SiteName] {
        if let selected {
            return try selected.map { site in
                do {
                    return try Uplink.SiteName(site.name)
                } catch {
                    throw CLIError("inventory site '\(site.name)' cannot be a name on the broker: \(error)")
                }
            }
        }
        let known = try await BrokerCollector(connection: connection)
            .readRetained(timeout: .milliseconds(Int64(self.connection.timeout * 1_000))).sites
        try connection.subscribe([TopicScheme().allEvents])
        return known.keys.filter { known[$0]?.status != nil }.sorted { $0.rawValue < $1.rawValue }
    }

    private func report(_ results: [BrokerSiteResult], communes: [String: String]) throws {
        if json {
            try Terminal.printJSON(results.map { result in
                BrokerEntry(site: result.site.rawValue, commune: communes[result.site.rawValue] ?? "",
                            address: result.status?.broker.map { "via \($0)" } ?? "via broker",
                            result: result.kind.rawValue, message: result.message,
                            seconds: (result.seconds * 1_000).rounded() / 1_000, session: result.status?.session)
            })
        } else {
            var table = Table("SITE", "COMMUNE", "ADDRESS", "RESULT", "DETAIL")
            for result in results {
                let commune = communes[result.site.rawValue] ?? ""
                table.add(result.site.rawValue, commune.isEmpty ? "-" : commune,
                          result.status?.broker.map { "via \($0)" } ?? "via broker", result.kind.rawValue,
                          result.message ?? "")
            }
            print(table.render())
            var counts: [String] = []
            for kind in SiteResultKind.allCases {
                let count = results.filter { $0.kind == kind }.count
                if count > 0 { counts.append("\(count) \(kind.rawValue)") }
            }
            let slowest = results.map(\.seconds).max() ?? 0
            print("alert send: \(results.count) site\(results.count == 1 ? "" : "s"): "
                  + counts.joined(separator: ", ") + String(format: " (slowest %.2f s)", slowest))
        }
        if results.isEmpty { throw CLIError("alert send --via: the broker knows no site; nothing to wait for") }
        try FanOutReport.exit(for: results.map(\.kind))
    }
}
