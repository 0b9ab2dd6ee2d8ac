import AlertTrust
import ArgumentParser
import ControlProtocol
import Fleet
import Foundation

/// `communecast alert send`: hands a complete signed alert file to one site or a selection; each site verifies it
/// itself and answers accepted, duplicate, suppressed, or the refusal's code and sentence.
struct AlertSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a signed alert file (from alert draft and alert approve) to a site or a selection of sites.",
        discussion: """
            The file goes byte for byte: each site checks the signatures against the provincial CA it pins, the \
            signers against its own ACL, the audience, the time window and its replay store before anything airs \
            (docs/security.md). A file that still lacks the approval its level needs (an actual emergency needs a \
            second person: communecast alert approve) or whose signature does not hold is refused here and sent \
            nowhere; its signers' chains are checked too when $COMMUNECAST_CA names the provincial CA. Sending \
            the same file again is harmless: each site answers duplicate. Exit status 0 when every site accepted \
            it (or already had it), 1 on failure, 3 when some sites refused or could not be reached.
            Examples:
              communecast alert send bao-so-9.jws --connect tls:xa-an-phu.example:7420 \\
                  --cert me.pem --key me.key
              communecast alert send bao-so-9.jws --inventory sites.yaml --tag ven-song
              communecast alert send bao-so-9.jws \\
                  --via mqtts://mqtt.angiang.example:8883 --group p-89
            With --via the file is published once per --group (default all) on the call-home broker, retained \
            until it expires, so a site that connects later still receives it; a signed cancel or update replaces \
            the alert it references. Each site's answer (ok, refused, offline, timed out) is gathered from its \
            events and status within --timeout: the sites of the inventory's selection, else every site the broker \
            holds a status for. An alert that names media by SHA-256 needs --media-host URL with --via: the \
            file must be on the province media host, where the sites fetch it (HEAD URL/media/SHA256.opus); if it \
            is not, --media FILE (the encoded .opus the alert names) is put there first, else nothing is published.
            """
    )

    @Argument(help: "The signed alert file.")
    var file: String

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Option(name: .customLong("group"), help: ArgumentHelp(
        "With --via, a group to publish to (repeatable; default all).", valueName: "id"
    ))
    var groups: [String] = []

    @Option(name: .customLong("media-host"), help: ArgumentHelp(
        "With --via, the province media host (http(s)://HOST[:PORT]) that must hold the alert's media.",
        valueName: "url"
    ))
    var mediaHost: String?

    @Option(name: .customLong("media"), help: ArgumentHelp(
        "With --media-host, the encoded file the alert names, put on the media host if it lacks it.",
        valueName: "file"
    ))
    var mediaFile: String?

    @Flag(help: "Print each site's answer as JSON.")
    var json = false

    func validate() throws {
        if mediaHost != nil, !broker.isActive, !fleet.isActive {
            throw ValidationError("--media-host goes with --via (or an inventory whose sites have via:)")
        }
        if mediaFile != nil, mediaHost == nil { throw ValidationError("--media goes with --media-host") }
    }

    func run() async throws {
        let ready = try await SignedAlertDelivery.checked(file)
        let payload = ready.payload
        if broker.isActive { return try await sendViaBroker(ready) }
        if fleet.isActive {
            let detail: @Sendable (Site.PushSignedAlert.Reply) -> String = { reply in
                let closed = (reply.closed ?? []).map(\.id)
                return reply.outcome + (reply.alert.map { ", \($0.state.rawValue)" } ?? "")
                    + (closed.isEmpty ? "" : ", closed \(closed.joined(separator: ", "))")
            }
            if let split = try MixedFanOut.Split(fleet) {
                let command = self
                return try await MixedFanOut.run(
                    "alert send", split: split, fleet: fleet, connection: connection, office: broker.office,
                    json: json, detail: detail,
                    direct: { client, _ in try await SignedAlertDelivery.push(ready, with: client) },
                    brokered: { options, sites in try await command.brokerRows(ready, through: options,
                                                                               selected: sites) }
                )
            }
            return try await FanOutReport.run("alert send", fleet: fleet, connection: connection, json: json,
                                              detail: detail) { client, _ in
                try await SignedAlertDelivery.push(ready, with: client)
            }
        }
        let reply: Site.PushSignedAlert.Reply
        do {
            reply = try await connection.withClient { try await SignedAlertDelivery.push(ready, with: $0) }
        } catch ClientError.remote(let error) where error.disposition == .refused {
            // The explanation already says that the site refused, with the refusal's code and reason.
            throw CLIError("'\(file)': \(error.explanation); nothing aired")
        }
        if json { return try Terminal.printJSON(reply) }
        var line = "\(reply.outcome) \(payload.messageType) \(payload.id) (sha256 \(reply.sha256.prefix(16))…)"
        if let alert = reply.alert {
            line += ": \(alert.level.rawValue), \(alert.status.rawValue), \(alert.state.rawValue)"
        }
        if let closed = reply.closed, !closed.isEmpty {
            line += "; closed \(closed.map(\.id).joined(separator: ", "))"
        }
        print(line)
    }
}
