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
            ~/.cache/communecast). With --via mqtts://HOST:PORT the health and status every site keeps retained on \
            the call-home broker are read instead, with no traffic to the sites at all: every site the broker \
            knows, or the inventory's selection (a site with no status there is offline).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Sites") var fleet: FleetOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Flag(help: "Print one Nagios plugin line and exit with the plugin's codes.")
    var nagios = false

    @Option(help: ArgumentHelp("Also write the results as a node-exporter textfile (written atomically).",
                               valueName: "file"))
    var prometheus: String?

    @Flag(help: "Print per-site results as JSON.")
    var json = false

    func validate() throws {
        if nagios, json { throw ValidationError("choose --nagios or --json, not both") }
        if fleet.inventoryPath == nil, !broker.isActive {
            throw ValidationError("fleet health needs --inventory FILE (or COMMUNECAST_INVENTORY)")
        }
    }

    func run() async throws {
        let started = Date()
        let rows: [FleetRow]
        do {
            rows = broker.isActive ? try await retainedRows(started: started) : try await calledRows(started: started)
        } catch {
            if nagios {
                print("COMMUNECAST UNKNOWN - \(error)")
                throw ExitCode(3)
            }
            throw error
        }
        try report(rows, sweep: Date().timeIntervalSince(started))
    }

    /// Calls every selected site's `GetHealth`.
    private func calledRows(started: Date) async throws -> [FleetRow] {
        let results = try await FanOutReport.results("fleet health", fleet: fleet, connection: connection,
                                                     defaultAll: true) { client, _ in
            try await client.call(Site.GetHealth.self, .init()).health
        }
        var contacts = LastContact.load()
        for result in results where result.kind == .ok { contacts.seen(result.site.name, at: started) }
        contacts.save()
        return results.map { FleetRow(result: $0, lastContact: contacts.date(of: $0.site.name), now: started) }
    }

    /// Prints the rows as the table, JSON, Nagios line or Prometheus file asked for, and exits with the status.
    private func report(_ rows: [FleetRow], sweep: Double) throws {
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
        throw ExitCode(rows.allSatisfy { $0.health == nil } ? ExitStatus.failure : ExitStatus.partial)
    }
}
