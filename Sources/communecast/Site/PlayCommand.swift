import ArgumentParser
import BroadcastModel
import ControlProtocol

/// `communecast play`: airs a stored announcement now (after anything of equal or higher level).
struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play", abstract: "Play stored media on the site now.",
        discussion: "normal plays when nothing higher is playing; priority waits for the current item to end."
    )

    @Argument(help: "Media name or SHA-256.")
    var media: String

    @Option(help: "normal or priority.")
    var level: Site.PlayLevel = .normal

    @Option(name: .customLong("on-preempt"), help: "If an emergency interrupts it: resume, restart or drop.")
    var onPreempt: PreemptPolicy = .resume

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print the reply as JSON.")
    var json = false

    func run() async throws {
        let parameters = Site.Play.Parameters(media: media, level: level, onPreempt: onPreempt)
        let reply = try await connection.withClient { try await $0.call(Site.Play.self, parameters) }
        if json { return try Terminal.printJSON(reply) }
        print("queued \(media) at \(level.rawValue) level (play id \(reply.playId))")
    }
}
