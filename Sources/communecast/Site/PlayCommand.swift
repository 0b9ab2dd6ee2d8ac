import ArgumentParser
import BroadcastModel
import ControlProtocol

/// `communecast play`: airs a stored announcement, or relays a stream for a duration, now (after anything of equal
/// or higher level).
struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play", abstract: "Play stored media, or relay a stream, on the site now.",
        discussion: """
            normal plays when nothing higher is playing; priority waits for the current item to end. \
            --stream (repeatable: the first URL is preferred, the others are its alternatives) relays an Ogg Opus \
            Icecast mount for --duration instead of stored media.
            """
    )

    @Argument(help: "Media name or SHA-256 (not with --stream).")
    var media: String?

    @Option(help: "An http:// or https:// Ogg Opus mount to relay; repeat for alternatives.")
    var stream: [String] = []

    @Option(help: "How long to relay the stream: \(TimeSpan.accepted).", transform: TimeSpan.parse)
    var duration: TimeSpan?

    @Option(help: "normal or priority.")
    var level: Site.PlayLevel = .normal

    @Option(name: .customLong("on-preempt"), help: "If an emergency interrupts it: resume, restart or drop.")
    var onPreempt: PreemptPolicy = .resume

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print the reply as JSON.")
    var json = false

    func validate() throws {
        if let media, media.contains("://") {
            throw ValidationError("'\(media)' is a stream address, not stored media: relay it with --stream "
                                  + "\(media) --duration TIME")
        }
        if stream.isEmpty {
            guard media != nil else { throw ValidationError("give a media name, or --stream URL and --duration") }
            guard duration == nil else { throw ValidationError("--duration goes with --stream") }
        } else {
            guard media == nil else { throw ValidationError("give a media name or --stream, not both") }
            guard let duration, duration.seconds > 0 else { throw ValidationError("--stream needs --duration") }
        }
    }

    func run() async throws {
        let parameters = Site.Play.Parameters(
            media: media, level: level, onPreempt: onPreempt, stream: stream.isEmpty ? nil : stream,
            durationS: duration?.seconds
        )
        let reply = try await connection.withClient { try await $0.call(Site.Play.self, parameters) }
        if json { return try Terminal.printJSON(reply) }
        let what = media ?? "stream \(stream[0])"
        print("queued \(what) at \(level.rawValue) level (play id \(reply.playId))")
    }
}
