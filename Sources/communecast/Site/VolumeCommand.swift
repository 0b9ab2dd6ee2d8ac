import ArgumentParser
import ControlProtocol

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
        guard (-60...12).contains(decibels) else {
            throw ValidationError("volume must be -60 to +12 dB; got \(words[0])")
        }
    }

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.SetVolume.self, .init(db: decibels)) }
        if json { return try Terminal.printJSON(reply) }
        print(String(format: "volume %.1f dB", reply.volumeDb))
    }
}
