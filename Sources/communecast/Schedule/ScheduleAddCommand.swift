import ArgumentParser
import ControlProtocol
import YAMLSupport

/// `communecast schedule add`: puts a schedule file in force on the site (operator role).
struct ScheduleAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a schedule file to the site (operator role); --replace replaces one of the same name.",
        discussion: """
            The site checks the file, that every programme's media is stored there, and that no programme \
            overlaps another of the same level; a clash is refused, naming both programmes and the first \
            clashing time, unless --after-conflict asks for the new programme to be queued after the other. \
            A different schedule already added under the name is refused unless --replace is given; adding the \
            same file again changes nothing and succeeds, so a fan-out can be run again after a partial failure. \
            Without --name the name is made from the file name: diacritics stripped (đ becomes d), lower case, \
            spaces and other signs turned into '-' ('lịch xã.yaml' is added as lich-xa). With --via \
            mqtts://HOST:PORT the file goes to each site (the inventory's selection, else every site the broker \
            knows) as a varlink call signed with your certificate, through the call-home broker; files up to about \
            45 KB fit in a signed call.
            """
    )

    @Argument(help: "A schedule YAML file (docs/schedules.md).")
    var file: String

    @Option(help: ArgumentHelp(
        "The schedule's name on the site: 1-64 letters a-z, digits, '.', '-' or '_', starting with a letter or digit "
            + "(default: made from the file name).", valueName: "name"
    ))
    var name: String?

    @Flag(help: "Replace a different schedule already added under the same name.")
    var replace = false

    @Flag(name: .customLong("after-conflict"),
          help: "Accept same-level clashes; the new programme is queued after the one it overlaps.")
    var afterConflict = false

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Flag(help: "Print the reply as JSON.")
    var json = false

    func validate() throws {
        if let name, let problem = SiteName.schedule.problem(with: name) {
            throw ValidationError("--name: \(problem)")
        }
    }

    func run() async throws {
        let yaml: String
        do {
            yaml = try YAMLFile.read(path: file)
        } catch {
            throw CLIError("\(error)")
        }
        guard let scheduleName = name ?? SiteName.schedule.from(fileName: file) else {
            throw CLIError("cannot make a schedule name from '\(file)'; give one with --name "
                           + "(\(SiteName.schedule.rule))")
        }
        let parameters = Site.AddSchedule.Parameters(name: scheduleName, yaml: yaml, afterConflict: afterConflict,
                                                     replace: replace)
        let detail: @Sendable (Site.AddSchedule.Reply) -> String = {
            "\(Self.outcome($0)) '\($0.schedule.id)'"
                + ($0.conflicts.isEmpty ? "" : ", \($0.conflicts.count) accepted conflict(s)")
        }
        if broker.isActive {
            return try await BrokerCalls.run("schedule add", Site.AddSchedule.self, parameters, broker: broker,
                                             connection: connection, fleet: fleet, json: json, detail: detail)
        }
        if fleet.isActive, let split = try MixedFanOut.Split(fleet) {
            let connection = connection
            return try await MixedFanOut.run(
                "schedule add", split: split, fleet: fleet, connection: connection, office: broker.office,
                json: json, detail: detail,
                direct: { client, _ in try await client.call(Site.AddSchedule.self, parameters) },
                brokered: { options, sites in
                    try await BrokerCalls.rows("schedule add", Site.AddSchedule.self, parameters, broker: options,
                                               connection: connection, selected: sites, detail: detail)
                }
            )
        }
        if fleet.isActive {
            return try await FanOutReport.run("schedule add", fleet: fleet, connection: connection, json: json,
                                              detail: detail) { client, _ in
                try await client.call(Site.AddSchedule.self, parameters)
            }
        }
        let reply = try await connection.withClient { try await $0.call(Site.AddSchedule.self, parameters) }
        if json { return try Terminal.printJSON(reply) }
        let count = reply.schedule.programmes.count
        print("\(Self.outcome(reply)) schedule '\(reply.schedule.id)' with \(count) programme\(count == 1 ? "" : "s")")
        for conflict in reply.conflicts { print("accepted after conflict: \(conflict) (queued after it)") }
        print(ScheduleTables.programmes(reply.schedule))
    }

    /// `added`, `replaced` or `unchanged`; a site older than the outcome field said only that it took the file.
    static func outcome(_ reply: Site.AddSchedule.Reply) -> String {
        reply.outcome ?? "added or replaced"
    }
}
