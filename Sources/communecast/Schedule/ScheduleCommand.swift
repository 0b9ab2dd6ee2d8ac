import ArgumentParser

/// `communecast schedule …`: broadcast schedules (docs/schedules.md).
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Check schedule files and preview when programmes will air.",
        subcommands: [ScheduleCheckCommand.self, ScheduleNextCommand.self]
    )
}
