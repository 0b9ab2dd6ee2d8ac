import ArgumentParser
import ControlProtocol
import Foundation
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
            spaces and other signs turned into '-' ('lịch xã.yaml' is added as lich-xa).
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
        if fleet.isActive {
            return try await FanOutReport.run("schedule add", fleet: fleet, connection: connection, json: json, detail: {
                "\(Self.outcome($0)) '\($0.schedule.id)'"
                    + ($0.conflicts.isEmpty ? "" : ", \($0.conflicts.count) accepted conflict(s)")
            }) { client, _ in try await client.call(Site.AddSchedule.self, parameters) }
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

/// `communecast schedule list`: the schedules in force on the site.
struct ScheduleListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the schedules in force on the site.",
        discussion: "NEXT is the next airing that will go on air: quiet hours that would skip an airing are taken into "
            + "account."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let schedules = try await connection.withClient { try await $0.call(Site.ListSchedules.self, .init()).schedules }
        if json { return try Terminal.printJSON(schedules) }
        var table = Table("ID", "PROGRAMMES", "TIME ZONE", "NEXT", "ORIGIN")
        for schedule in schedules {
            let next = schedule.programmes.compactMap(\.next).min() ?? "-"
            table.add(schedule.id, "\(schedule.programmes.count)", schedule.timeZone, next, schedule.origin)
        }
        print(table.isEmpty ? "no schedules in force" : table.render())
    }
}

/// `communecast schedule show`: one schedule, its programmes and its next airings.
struct ScheduleShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a schedule on the site: its programmes and next airings.",
        discussion: "An airing that the schedule's quiet hours will skip is listed and marked as skipped; a "
            + "programme's NEXT is its next airing that will go on air."
    )

    @Argument(help: "The schedule's name (see schedule list).")
    var id: String

    @Flag(help: "Print only the YAML text the site holds.")
    var yaml = false

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.ShowSchedule.self, .init(id: id)) }
        if json { return try Terminal.printJSON(reply) }
        if yaml { return print(reply.yaml, terminator: reply.yaml.hasSuffix("\n") ? "" : "\n") }
        let quiet = reply.schedule.quietHours.map { ", quiet hours \($0)" } ?? ""
        print("schedule '\(reply.schedule.id)' (\(reply.schedule.timeZone)\(quiet)), from \(reply.schedule.origin), "
              + "updated \(reply.schedule.updated)")
        print(ScheduleTables.programmes(reply.schedule))
        print("")
        var upcoming = Table("NEXT AIRINGS", "PROGRAMME", "LEVEL", "AIRS")
        for occurrence in reply.upcoming {
            upcoming.add(occurrence.at, occurrence.programme, occurrence.level.rawValue,
                         occurrence.skipped.map { "no: skipped, \($0)" } ?? "yes")
        }
        print(upcoming.isEmpty ? "no further airings" : upcoming.render())
    }
}

/// `communecast schedule rm`: removes a schedule added with `schedule add`.
struct ScheduleRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a schedule added with schedule add (operator role); files are removed from the directory."
    )

    @Argument(help: "The schedule's name.")
    var id: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        _ = try await connection.withClient { try await $0.call(Site.RemoveSchedule.self, .init(id: id)) }
        print("removed schedule '\(id)'")
    }
}

/// `communecast schedule reload`: the site reads its schedules directory again, as on SIGHUP.
struct ScheduleReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Make the site read its schedules directory again (operator role).",
        discussion: """
            A file with problems is reported and its previous version stays in force; the exit status is 1. \
            Warnings (a programme whose media the site does not hold, same-level clashes of the files with each \
            other or with added schedules) are printed too; those files are in force all the same.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print the reply as JSON.")
    var json = false

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.ReloadSchedules.self, .init()) }
        if json {
            try Terminal.printJSON(reply)
        } else {
            print("\(reply.schedules.count) schedule\(reply.schedules.count == 1 ? "" : "s") in force: "
                  + (reply.schedules.isEmpty ? "none" : reply.schedules.map(\.id).joined(separator: ", ")))
            for problem in reply.problems { Terminal.standardError(problem) }
            for warning in reply.warnings ?? [] { Terminal.standardError("warning: \(warning)") }
        }
        if !reply.problems.isEmpty { throw ExitCode(ExitStatus.failure) }
    }
}

/// Tables shared by the schedule commands.
enum ScheduleTables {
    /// One row per programme with its next airing.
    static func programmes(_ schedule: Site.Schedule) -> String {
        var table = Table("PROGRAMME", "LEVEL", "MEDIA", "NEXT", "TITLE")
        for programme in schedule.programmes {
            let content = programme.text.map { "text: \"\($0)\"" } ?? programme.media
            table.add(programme.id, programme.level.rawValue, content, programme.next ?? "-", programme.title)
        }
        return table.isEmpty ? "no programmes" : table.render()
    }
}
