import ArgumentParser
import ControlProtocol

extension Site.PlayLevel: ExpressibleByArgument {}
extension Site.PreemptPolicy: ExpressibleByArgument {}
extension Site.AlertLevel: ExpressibleByArgument {}
extension Site.AlertStatus: ExpressibleByArgument {}

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
    var onPreempt: Site.PreemptPolicy = .resume

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

/// `communecast volume`: sets the site's normal volume (admin).
struct VolumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volume", abstract: "Set the site's normal volume in dB (-60 to +12; admin only).",
        discussion: "Negative values are written as they are: communecast volume -6."
    )

    /// The volume as typed. The parser would read `-6` as a short option, so the argument takes whatever no option
    /// claimed, and ``validate()`` reads the number from it.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Volume in dB, e.g. -6 or 3.", valueName: "decibels"))
    var words: [String] = []

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print the reply as JSON.")
    var json = false

    /// The volume given, once ``validate()`` has passed.
    var decibels: Double { words.first.flatMap(Double.init) ?? .nan }

    func validate() throws {
        guard words.count == 1, decibels.isFinite else {
            throw ValidationError(words.isEmpty ? "give the volume in dB, e.g. communecast volume -6"
                                  : "give one volume in dB, e.g. -6; got \(words.joined(separator: " "))")
        }
        guard (-60...12).contains(decibels) else { throw ValidationError("volume must be -60 to +12 dB") }
    }

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.SetVolume.self, .init(db: decibels)) }
        if json { return try Terminal.printJSON(reply) }
        print(String(format: "volume %.1f dB", reply.volumeDb))
    }
}

/// `communecast stop`: stops plays and programmes (alerts are cancelled with `alert cancel`).
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop what operators queued: plays and programmes, on air and waiting."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.Stop.self, .init()) }
        print(reply.stopped.map { "stopped \($0)" } ?? "nothing to stop")
    }
}
