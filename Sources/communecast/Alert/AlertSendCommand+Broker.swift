import AlertTrust
import ArgumentParser
import Fleet
import Foundation
import Uplink

extension AlertSendCommand {
    /// Publishes the file once per group on the broker and gathers each site's answer from its events and status;
    /// the same table, summary, JSON and exit status (0, 3, 1) as the direct fan-out.
    func sendViaBroker(_ ready: SignedAlertDelivery.Ready) async throws {
        let rows = try await brokerRows(ready, through: broker,
                                        selected: fleet.isActive ? try fleet.selectedSites() : nil)
        try BrokerReport.print("alert send", rows, json: json)
    }

    /// Publishes through `broker` and returns the answers of `selected`, or of every site the broker knows.
    func brokerRows(_ ready: SignedAlertDelivery.Ready, through broker: BrokerOptions,
                    selected: [Inventory.Site]?) async throws -> [BrokerReport.Row] {
        let payload = ready.payload
        let groupIDs = try (groups.isEmpty ? ["all"] : groups).map { group in
            do {
                return try GroupID(group)
            } catch {
                throw CLIError("--group: \(error)")
            }
        }
        if let media = payload.content.media { try await ensureOnMediaHost(media) }
        Terminal.progress("alert send: connecting to \(broker.via.joined(separator: ", "))")
        let connection = try await broker.connect(self.connection)
        defer { Terminal.endProgress() }
        do {
            // The sites and their statuses first (retained), then the events, before publishing: no answer is missed.
            let (sites, _) = try await BrokerReport.sites(selected, connection: connection,
                                                          timeout: self.connection.timeout)
            try connection.subscribe([TopicScheme().allEvents])
            let slots = payload.messageType == .alert || payload.references.isEmpty ? nil : payload.references
            try await BrokerPublisher(connection: connection).publishAlert(
                Array(ready.envelope.utf8), issuer: payload.issuer, id: payload.id, slots: slots,
                expires: payload.expires, groups: groupIDs
            )
            let total = sites.count
            Terminal.progress("alert send: published to \(groupIDs.count) group(s); 0/\(total) sites answered")
            let results = await BrokerCollector(connection: connection).gatherAlertResults(
                alert: "\(payload.issuer)/\(payload.id)", sites: sites.map(\.name), since: 0,
                deadline: .milliseconds(Int64(self.connection.timeout * 1_000))
            ) { answered, ok in
                Terminal.progress("alert send: \(answered)/\(total) sites answered, \(ok) ok, \(answered - ok) not")
            }
            await connection.close()
            Terminal.endProgress()
            let communes = Dictionary(sites.map { ($0.name, $0.commune) }) { first, _ in first }
            return results.map { BrokerReport.Row($0, commune: communes[$0.site] ?? "") }
        } catch {
            await connection.close()
            throw error
        }
    }
}
