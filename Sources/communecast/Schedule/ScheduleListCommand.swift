import ArgumentParser
import ControlProtocol

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
