import ArgumentParser

/// `communecast media …`: local media work that needs no daemon.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Encode, speak, inspect, play and generate audio here; upload, list and delete it on a site.",
        subcommands: [
            MediaEncodeCommand.self, MediaSpeakCommand.self, MediaInfoCommand.self, MediaPlayCommand.self,
            MediaToneCommand.self, MediaUploadCommand.self, MediaListCommand.self, MediaRemoveCommand.self,
        ]
    )
}
