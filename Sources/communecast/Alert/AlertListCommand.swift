import ArgumentParser
import ControlProtocol
import Fleet

/// `communecast alert list`: every alert the site knows, newest first; across sites, which of them have an alert and
/// how far it aired.
struct AlertListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the site's alerts, or with --inventory which sites have an alert.",
        discussion: """
            With --inventory and --site, --tag or --all, one row per site says where each alert stands there \
            (state and airings done of those asked for); with --id, only that alert, or that the site never \
            received it. --json prints every alert under each site's reply.
            Example:
              communecast alert list --id bao-so-9-2026-11-23 \\
                  --inventory province.yaml --all
            """
    )

    @Option(help: "Only the alert with this id.")
    var id: String?

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let id = id
        let list: @Sendable (VarlinkClient) async throws -> [Site.Alert] = { client in
            try await client.call(Site.ListAlerts.self, .init()).alerts.filter { id == nil || $0.id == id }
        }
        if fleet.isActive {
            return try await FanOutReport.run("alert list", fleet: fleet, connection: connection, json: json,
                                              detail: { Self.brief($0, id: id) }) { client, _ in
                try await list(client)
            }
        }
        let alerts = try await connection.withClient { try await list($0) }
        if json { return try Terminal.printJSON(alerts) }
        var table = Table("ID", "LEVEL", "STATUS", "STATE", "AIRED", "MEDIA", "EXPIRES", "ISSUER", "DRAFTED BY",
                          "APPROVED BY", "CAP SOURCE")
        for alert in alerts {
            let content = alert.media ?? alert.stream.map { "stream \($0.joined(separator: " "))" } ?? "tone only"
            table.add(alert.id, alert.level.rawValue, alert.status.rawValue, alert.state.rawValue,
                      "\(alert.aired)/\(alert.repeat)", content, alert.expires ?? "-",
                      alert.issuer ?? "-", alert.drafter ?? (alert.issuer == nil ? "-" : "unsigned"),
                      alert.approvers ?? "-", alert.capSource ?? "-")
        }
        print(table.isEmpty ? id.map { "no alert '\($0)' on the site" } ?? "no alerts" : table.render())
    }

    /// `bao-so-9 done 3/3, lu-1 cancelled 1/3` for a site's row; `not received` when `id` is not there.
    static func brief(_ alerts: [Site.Alert], id: String?) -> String {
        guard !alerts.isEmpty else { return id.map { "alert '\($0)' not received" } ?? "no alerts" }
        let shown = alerts.prefix(3).map { "\($0.id) \($0.state) \($0.aired)/\($0.repeat)" }
        return shown.joined(separator: ", ") + (alerts.count > 3 ? ", … (\(alerts.count) alerts)" : "")
    }
}
