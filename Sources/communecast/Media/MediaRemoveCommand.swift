import ArgumentParser
import ControlProtocol

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
