import ArgumentParser
import ControlProtocol
import Fleet
import Foundation

/// `communecast fleet health`: one row per site, for the morning check and for monitoring systems.
struct FleetHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Show every site's health: state, now playing, last alert, device errors, clock, last contact.",
        discussion: """
            Sites default to the whole inventory. A site is ok, warning (a clock not synchronised, an amplifier \
            relay that cannot be switched, schedule warnings) or degraded (a failing audio device or database), \
            as `health --inventory` calls it; an idle site whose device is closed until the next play is ok. Exit \
            status: 0 when every site answered and is ok, 3 when some are not, 1 when none answered. With \
            --nagios: one Nagios plugin line and the plugin exit codes (0 OK, 1 WARNING, 2 CRITICAL: a site \
            unreachable, refused or degraded, 3 UNKNOWN: the inventory cannot be read). The last successful contact \
            with each site is remembered in $XDG_CACHE_HOME/communecast/last-contact.json (default \
            ~/.cache/communecast).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Sites") var fleet: FleetOptions

    @Flag(help: "Print one Nagios plugin line and exit with the plugin's codes.")
    var nagios = false

    @Option(help: ArgumentHelp("Also write the results as a node-exporter textfile (written atomically).",
                               valueName: "file"))
    var prometheus: String?

    @Flag(help: "Print per-site results as JSON.")
    var json = false

    func validate() throws {
        if nagios, json { throw ValidationError("choose --nagios or --json, not both") }
        if fleet.inventoryPath == nil {
            throw ValidationError("fleet health needs --inventory FILE (or COMMUNECAST_INVENTORY)")
        }
    }

    func run() async throws {
        let started = Date()
        let results: [SiteResult<Site.Health>]
        do {
            results = try await FanOutReport.results("fleet health", fleet: fleet, connection: connection,
                                                     defaultAll: true) { client, _ in
                try await client.call(Site.GetHealth.self, .init()).health
            }
        } catch {
            if nagios {
                print("COMMUNECAST UNKNOWN - \(error)")
                throw ExitCode(3)
            }
            throw error
        }
        let sweep = Date().timeIntervalSince(started)
        var contacts = LastContact.load()
        for result in results where result.kind == .ok { contacts.seen(result.site.name, at: started) }
        contacts.save()
        let rows = results.map { FleetRow(result: $0, lastContact: contacts.date(of: $0.site.name), now: started) }
        if let prometheus { try FleetRow.writePrometheus(rows, sweepSeconds: sweep, to: prometheus) }
        if nagios { return try FleetRow.nagios(rows, sweepSeconds: sweep) }
        if json {
            try Terminal.printJSON(rows)
        } else {
            var table = Table("SITE", "COMMUNE", "STATE", "NOW PLAYING", "LAST ALERT", "DEVICE", "CLOCK",
                              "LAST CONTACT")
            for row in rows {
                table.add(row.site, row.commune.isEmpty ? "-" : row.commune, row.state, row.nowPlaying ?? "-",
                          row.lastAlert ?? "-", row.device ?? row.problem ?? "-",
                          row.clockSynchronized.map { $0 ? "synchronised" : "NOT synchronised" } ?? "-",
                          row.lastContact ?? "never")
            }
            print(table.render())
            let counts = Dictionary(grouping: rows, by: \.state).map { "\($0.value.count) \($0.key)" }.sorted()
            print("fleet health: \(rows.count) sites: \(counts.joined(separator: ", "))"
                  + String(format: " (sweep %.2f s)", sweep))
        }
        let healthy = rows.filter { $0.state == "ok" }.count
        if healthy == rows.count { return }
        throw ExitCode(results.allSatisfy { $0.kind != .ok } ? ExitStatus.failure : ExitStatus.partial)
    }
}
