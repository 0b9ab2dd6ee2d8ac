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
