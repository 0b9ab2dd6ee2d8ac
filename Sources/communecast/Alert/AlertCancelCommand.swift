import ArgumentParser
import ControlProtocol

/// `communecast alert cancel`: withdraws an alert; it stops if on air, and later pushes of the id are refused.
struct AlertCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel an alert (provincial role); a replayed push of its id is refused."
    )

    @Argument(help: "The alert id.")
    var id: String

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print the alert as JSON.")
    var json = false

    func run() async throws {
        if fleet.isActive {
            let id = id
            return try await FanOutReport.run("alert cancel", fleet: fleet, connection: connection, json: json,
                                              detail: { "cancelled after \($0.alert.aired) airing(s)" }) { client, _ in
                try await client.call(Site.CancelAlert.self, .init(id: id))
            }
        }
        let reply = try await connection.withClient { try await $0.call(Site.CancelAlert.self, .init(id: id)) }
        if json { return try Terminal.printJSON(reply) }
        print("cancelled alert \(reply.alert.id) after \(reply.alert.aired) airing(s)")
    }
}

/// `communecast alert list`: every alert the site knows, newest first.
struct AlertListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the site's alerts.")

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let alerts = try await connection.withClient { try await $0.call(Site.ListAlerts.self, .init()).alerts }
        if json { return try Terminal.printJSON(alerts) }
        var table = Table("ID", "LEVEL", "STATUS", "STATE", "AIRED", "MEDIA", "EXPIRES")
        for alert in alerts {
            table.add(alert.id, alert.level.rawValue, alert.status.rawValue, alert.state.rawValue,
                      "\(alert.aired)/\(alert.repeat)", alert.media ?? "tone only", alert.expires ?? "-")
        }
        print(table.isEmpty ? "no alerts" : table.render())
    }
}
