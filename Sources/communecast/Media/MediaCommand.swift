import ArgumentParser

/// `communecast media …`: local media work that needs no daemon.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Encode, inspect, play and generate broadcast audio on this machine.",
        subcommands: [MediaEncodeCommand.self, MediaInfoCommand.self, MediaPlayCommand.self, MediaToneCommand.self]
    )
}
