import ArgumentParser

/// `communecast alert …`: urgent alerts that cut in over everything else.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Push, cancel and list alerts on a site; draft, approve, show and send signed alerts.",
        subcommands: [
            AlertPushCommand.self, AlertCancelCommand.self, AlertListCommand.self, AlertDraftCommand.self,
            AlertApproveCommand.self, AlertShowCommand.self, AlertSendCommand.self,
        ]
    )
}
