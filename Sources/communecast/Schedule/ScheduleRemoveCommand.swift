import ArgumentParser
import ControlProtocol

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
