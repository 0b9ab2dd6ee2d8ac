import ArgumentParser
import ControlProtocol

/// `communecast alert cancel`: withdraws the alerts with an id; each stops if on air, and later pushes of it by the
/// same issuer are refused.
struct AlertCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel an alert (provincial role); a replayed push of its id is refused.",
        discussion: """
            Cancels every alert with the id pushed with your role or a lower one (a provincial cancel also silences \
            an operator's alert of that id, never an admin's); --issuer cancels only the alert of that issuer, as \
            `alert list` shows it. With --via mqtts://HOST:PORT the call goes to each site through the call-home \
            broker, signed with your certificate (--cert, --key, --ca): the inventory's selection, else every site \
            the broker holds a status for; an offline site is reported, not queued. To withdraw a signed alert from \
            the broker itself, so that a site returning later never airs it, send its signed cancel (alert draft \
            --cancel) with alert send --via.
            """
    )

    @Argument(help: "The alert id.")
    var id: String

    @Option(help: "Only the alert pushed by this issuer (tls:SUBJECT or unix:USER, as `alert list` shows it).")
    var issuer: String?

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Flag(help: "Print the alert as JSON.")
    var json = false

    func run() async throws {
        let parameters = Site.CancelAlert.Parameters(id: id, issuer: issuer)
        if broker.isActive { return try await cancelViaBroker(parameters) }
        if fleet.isActive, let split = try MixedFanOut.Split(fleet) {
            let (broker, connection) = (broker, connection)
            return try await MixedFanOut.run(
                "alert cancel", split: split, fleet: fleet, connection: connection, office: broker.office, json: json,
                detail: Self.brief, direct: { client, _ in try await client.call(Site.CancelAlert.self, parameters) },
                brokered: { options, sites in
                    try await BrokerCalls.rows("alert cancel", Site.CancelAlert.self, parameters, broker: options,
                                               connection: connection, selected: sites, detail: Self.brief)
                }
            )
        }
        if fleet.isActive {
            return try await FanOutReport.run("alert cancel", fleet: fleet, connection: connection, json: json,
                                              detail: Self.brief) { client, _ in
                try await client.call(Site.CancelAlert.self, parameters)
            }
        }
        let reply = try await connection.withClient { try await $0.call(Site.CancelAlert.self, parameters) }
        if json { return try Terminal.printJSON(reply) }
        for alert in reply.cancelled ?? [reply.alert] {
            print("cancelled alert \(alert.id) (\(alert.level), from \(alert.issuer ?? "-")) after \(alert.aired) "
                  + "airing(s)")
        }
    }

    /// `cancelled after 1 airing(s)`, or per issuer when the site cancelled several alerts of the id.
    static func brief(_ reply: Site.CancelAlert.Reply) -> String {
        guard let all = reply.cancelled, all.count > 1 else { return "cancelled after \(reply.alert.aired) airing(s)" }
        return "cancelled " + all.map { "\($0.issuer ?? "-") after \($0.aired)" }.joined(separator: ", ")
    }
}
