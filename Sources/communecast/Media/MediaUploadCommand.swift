import ArgumentParser
import ControlProtocol
import Foundation

/// `communecast media upload`: sends a WAV or Ogg Opus file to the site, which normalises and stores it.
struct MediaUploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a WAV or Ogg Opus file (at most 12 MiB) to the site's media library.",
        discussion: "The site runs the same pipeline as `media encode`; identical content is stored once."
    )

    /// Largest file the daemon accepts (DESIGN §5 leaves room for base64 in a 16 MiB message).
    static let maxBytes = 12 * 1_024 * 1_024

    @Argument(help: "The WAV or Ogg Opus file.")
    var file: String

    @Option(help: "Name to store it under (default: the file name without extension).")
    var name: String?

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print the stored media as JSON.")
    var json = false

    func run() async throws {
        if fleet.isActive {
            let parameters = try Self.parameters(file: file, name: name)
            return try await FanOutReport.run("media upload", fleet: fleet, connection: connection, json: json,
                                              detail: { "\($0.deduplicated ? "already stored" : "stored") \($0.media.name)" }) {
                client, _ in try await client.call(Site.UploadMedia.self, parameters)
            }
        }
        let reply = try await Self.upload(file: file, name: name, connection: connection)
        if json { return try Terminal.printJSON(reply) }
        let media = reply.media
        print("\(reply.deduplicated ? "already stored" : "stored") \(media.name): "
              + "\(Terminal.clock(media.durationS)), \(Terminal.bytes(media.sizeBytes)), "
              + String(format: "%.1f LUFS", media.loudnessLufs) + ", sha256 \(media.sha256)")
    }

    /// Reads, checks and uploads a file; shared with `alert push FILE`.
    static func upload(file: String, name: String?, connection: ConnectionOptions) async throws -> Site.UploadMedia.Reply {
        let parameters = try Self.parameters(file: file, name: name)
        Terminal.progress("uploading \(Terminal.bytes(parameters.data.count * 3 / 4)) to \(connection.connect)…")
        defer { Terminal.endProgress() }
        return try await connection.withClient { try await $0.call(Site.UploadMedia.self, parameters) }
    }

    /// Reads and checks a file once, for one site or many.
    static func parameters(file: String, name: String?) throws -> Site.UploadMedia.Parameters {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read '\(file)': \(error.localizedDescription)")
        }
        guard data.count <= maxBytes else {
            throw CLIError("'\(file)' is \(Terminal.bytes(data.count)); the site accepts at most 12 MiB per upload "
                           + "(encode it first with `communecast media encode`, which makes it far smaller)")
        }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return Site.UploadMedia.Parameters(name: name ?? stem, data: data.base64EncodedString())
    }
}
