import ArgumentParser

/// `communecast fleet …`: the province at a glance.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet", abstract: "Look at many sites at once through an inventory.",
        subcommands: [FleetHealthCommand.self, FleetGroupsCommand.self]
    )
}
