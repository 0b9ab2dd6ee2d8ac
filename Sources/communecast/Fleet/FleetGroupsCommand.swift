import AlertTrust
import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import Uplink

/// `communecast fleet groups SITE GROUP… --via URL`: changes the groups a call-home site subscribes to (issue 15
/// §4) with a configuration signed by the caller's (provincial) certificate, published retained on the site's
/// configuration topic (a site offline or reinstalled takes it when it connects); waits for the site's
/// `config.applied` or `config.refused` event.
struct FleetGroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Set the groups a call-home site subscribes to, by a signed configuration through the broker.",
        discussion: """
            The configuration is retained by the broker: a site offline or reinstalled takes it when it connects, \
            and a newer one replaces it (the site applies only a configuration signed after the one it applied \
            last). The site checks the signature against its pinned provincial CA and your role in its ACL \
            (provincial only), keeps the groups in its store (they replace uplink.groups, also after a restart; \
            `all` is always added) and subscribes to them at once. Exit status 0 when the site applied it, 1 when \
            it refused it or did not answer within --timeout (it stays retained for the site's return).
              communecast fleet groups xa-an-phu p-89 c-30316 \\
                  --via mqtts://mqtt.angiang.example:8883
            """
    )

    @Argument(help: "The site's name on the broker.")
    var site: String

    @Argument(help: "The groups (1 to 32 ids).")
    var groups: [String]

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Flag(help: "Print the site's answer as JSON.")
    var json = false

    func validate() throws {
        guard broker.isActive else { throw ValidationError("fleet groups goes through the broker: give --via URL") }
        guard (1...32).contains(groups.count) else { throw ValidationError("give 1 to 32 groups") }
        for group in groups where (try? GroupID(group)) == nil {
            throw ValidationError("'\(group)' is not a group id: use 1 to 64 letters, digits, '.', '_' or '-'")
        }
        if (try? Uplink.SiteName(site)) == nil { throw ValidationError("'\(site)' cannot be a site's name") }
    }

    func run() async throws {
        guard let certificate = connection.certificatePath, let key = connection.keyPath,
              let ca = connection.caPath else {
            throw CLIError("--via needs your staff certificate to sign with: --cert, --key and --ca")
        }
        let name = try Uplink.SiteName(site)
        let call = JSONValue.object(["method": .string("io.communecast.Uplink.SetGroups"),
                                     "parameters": .object(["groups": .array(groups.map(JSONValue.string))])])
        var envelope = AlertEnvelope(payloadBytes: SignedCommand(call: call, id: UUID().uuidString.lowercased(),
                                                                 to: site).jsonBytes)
        do {
            try await AlertSigner(certificatePath: certificate, keyPath: key, issuerPath: ca, now: Date())
                .sign(&envelope, part: .draft, at: Date())
        } catch {
            throw CLIError("\(error)")
        }
        let scheme = TopicScheme()
        let office = try await broker.connect(connection, subscribing: [scheme.events(site: name)])
        let event: SiteEvent?
        do {
            _ = try await office.publish(OutgoingMessage(topic: scheme.configuration(site: name),
                                                         payload: Array(envelope.serialized()), retain: true))
            event = await Self.answer(office, topic: scheme.events(site: name), timeout: connection.timeout)
        } catch {
            await office.close()
            throw CLIError("\(error)")
        }
        await office.close()
        guard let event else {
            throw CLIError("\(site) did not answer within \(connection.timeout) s (offline? the configuration is "
                           + "retained: it applies it when it connects, unless a newer one replaces it first)")
        }
        if json { try Terminal.printJSON(event) } else {
            print(event.type == .configApplied ? "\(site): applied, \(event.message ?? "")"
                  : "\(site): refused (\(event.code ?? "?")): \(event.message ?? "")")
        }
        if event.type != .configApplied { throw ExitCode(ExitStatus.failure) }
    }

    /// The site's first configuration event on `topic` within `timeout` seconds.
    private static func answer(_ office: BrokerConnection, topic: String, timeout: Double) async -> SiteEvent? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1_000))
        while ContinuousClock.now < deadline {
            let found = office.messages(since: 0).messages.filter { $0.topic == topic }
                .compactMap { try? SiteEvent(payload: $0.payload) }
                .first { $0.type == .configApplied || $0.type == .configRefused }
            if let found { return found }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
