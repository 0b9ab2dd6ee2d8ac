import ArgumentParser
import ControlProtocol

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
