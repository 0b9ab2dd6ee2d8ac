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
