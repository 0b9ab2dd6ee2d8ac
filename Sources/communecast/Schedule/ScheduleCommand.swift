import ArgumentParser

/// `communecast schedule …`: broadcast schedules (docs/schedules.md).
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Check and preview schedule files, and manage the schedules in force on a site.",
        subcommands: [
            ScheduleCheckCommand.self, ScheduleNextCommand.self, ScheduleAddCommand.self, ScheduleListCommand.self,
            ScheduleShowCommand.self, ScheduleRemoveCommand.self, ScheduleReloadCommand.self,
        ]
    )
}
