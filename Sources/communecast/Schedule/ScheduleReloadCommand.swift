import ArgumentParser
import ControlProtocol

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
