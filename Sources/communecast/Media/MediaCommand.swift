import ArgumentParser

/// `communecast media …`: local media work that needs no daemon.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Encode, inspect, play and generate audio here; upload, list and delete it on a site.",
        subcommands: [
            MediaEncodeCommand.self, MediaInfoCommand.self, MediaPlayCommand.self, MediaToneCommand.self,
            MediaUploadCommand.self, MediaListCommand.self, MediaRemoveCommand.self,
        ]
    )
}
