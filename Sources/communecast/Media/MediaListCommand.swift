import ArgumentParser
import ControlProtocol

/// `communecast media list`: the site's media library.
struct MediaListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the media stored on the site.")

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let media = try await connection.withClient { try await $0.call(Site.ListMedia.self, .init()).media }
        if json { return try Terminal.printJSON(media) }
        var table = Table("NAME", "DURATION", "SIZE", "LOUDNESS", "SHA256")
        for item in media {
            table.add(item.name, Terminal.clock(item.durationS), Terminal.bytes(item.sizeBytes),
                      Terminal.level(item.loudnessLufs, unit: "LUFS"), String(item.sha256.prefix(16)))
        }
        print(table.isEmpty ? "no media stored" : table.render())
    }
}

/// `communecast media rm`: removes a name; the audio goes with its last name, once nothing uses it.
struct MediaRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a media name from the site; the audio goes with its last name (refused while in use).",
        discussion: """
            Identical audio uploaded under several names is stored once. Removing one of its names removes only \
            that name (refused while a schedule plays the audio by it); the audio is deleted with its last name, or \
            when it is named by SHA-256, and only when no alert or schedule uses it.
            """
    )

    @Argument(help: "Name or SHA-256 (a unique prefix of 8+ characters will do).")
    var media: String

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print the reply as JSON.")
    var json = false

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.DeleteMedia.self, .init(name: media)) }
        if json { return try Terminal.printJSON(reply) }
        if let kept = reply.kept {
            print("removed the name '\(media)'; its audio stays on the site as '\(kept.name)'")
        } else {
            print("deleted \(media) and its audio")
        }
    }
}
