import ArgumentParser
import ControlProtocol
import Fleet
import Foundation

/// A fan-out over an inventory selection in which some sites are listed with `via:` (issue 15): those are reached
/// through their call-home broker, the others dialled over TLS (or Unix), at the same time, and all of them are
/// reported in one table (or `--json` array) with one summary line and the fan-out's exit status (0 every site ok,
/// 3 some, 1 none).
enum MixedFanOut {
    /// The selected sites, split into those dialled and, per broker list, those reached through it; `nil` when no
    /// selected site has `via` (the plain fan-out then runs).
    struct Split {
        /// The sites dialled.
        let direct: [Inventory.Site]
        /// The sites reached through each broker list, in the order the lists first appear.
        let brokered: [(via: [String], sites: [Inventory.Site])]

        /// The split of `fleet`'s selection.
        init?(_ fleet: FleetOptions) throws {
            let selected = try fleet.selectedSites()
            guard selected.contains(where: { !$0.via.isEmpty }) else { return nil }
            direct = selected.filter(\.via.isEmpty)
            var groups: [(via: [String], sites: [Inventory.Site])] = []
            for site in selected where !site.via.isEmpty {
                if let index = groups.firstIndex(where: { $0.via == site.via }) {
                    groups[index].sites.append(site)
                } else {
                    groups.append((site.via, [site]))
                }
            }
            brokered = groups
        }
    }

    /// Runs `direct` on the dialled sites and `brokered` (with `BrokerOptions` for one broker list, `office` as
    /// the office's name when given) on each broker's sites, all at once; reports them in inventory order.
    static func run<Value: Sendable & Encodable>(
        _ what: String, split: Split, fleet: FleetOptions, connection: ConnectionOptions, office: String?,
        json: Bool, detail: @escaping @Sendable (Value) -> String,
        direct: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value,
        brokered: @escaping @Sendable (BrokerOptions, [Inventory.Site]) async throws -> [BrokerReport.Row]
    ) async throws {
        let parts = try split.brokered.map { part in
            (try BrokerOptions.parse(part.via.flatMap { ["--via", $0] } + (office.map { ["--office", $0] } ?? [])),
             part.sites)
        }
        async let dialled = split.direct.isEmpty ? []
            : FanOutReport.results(what, fleet: fleet, connection: connection, sites: split.direct,
                                   operation: direct)
        var rows: [BrokerReport.Row] = []
        for (options, sites) in parts {
            do {
                rows += try await brokered(options, sites)
            } catch {
                // A broker that cannot be reached: its sites are reported unreachable, the others still count.
                let address = "via \(options.via.joined(separator: ", "))"
                rows += sites.map {
                    BrokerReport.Row(site: $0.name, commune: $0.commune, address: address, kind: .unreachable,
                                     message: "\(error)", seconds: 0)
                }
            }
        }
        for result in try await dialled {
            var row = BrokerReport.Row(
                site: result.site.name, commune: result.site.commune, address: result.site.address.description,
                kind: result.kind, message: result.value.map(detail) ?? result.message, seconds: result.seconds
            )
            row.reply = try result.value.map { try JSONValue(encoding: $0) }
            row.attempts = result.attempts
            rows.append(row)
        }
        let order = Dictionary(try fleet.selectedSites().enumerated().map { ($1.name, $0) }) { first, _ in first }
        rows.sort { (order[$0.site] ?? Int.max) < (order[$1.site] ?? Int.max) }
        try BrokerReport.print(what, rows, json: json)
    }
}
