import ArgumentParser
import AudioCodec
import ControlProtocol
import Fleet
import Foundation
import MediaImport
import Speech

/// `communecast media upload`: sends an audio file, or text spoken here, to the site, which stores it.
struct MediaUploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload an audio file or spoken text (at most 12 MiB encoded) to the site's media library.",
        discussion: """
            The file is made broadcast-ready here first, with the same pipeline as `media encode` and the default \
            settings (a file `media encode` made is sent as it is), so the link carries compressed audio and a \
            site with the default audio settings stores it without re-encoding; a site with other settings encodes \
            it again. Any format `media encode` reads is taken (MP3, M4A/AAC, AMR, FLAC, Vorbis, Opus, WAV). \
            --as-is sends the file unchanged for the site to encode (WAV or Ogg Opus only: the site does not \
            decode other formats). --text or --text-file speaks the words here, as `media speak` does, and \
            uploads the result, named after the text file or "text-" and the first digits of its SHA-256. \
            Identical audio is stored once. Without --name the name is made from the file name: diacritics \
            stripped (đ becomes d), lower case, spaces and other signs turned into '-' ('Thông báo tiêm phòng.wav' \
            is stored as thong-bao-tiem-phong).
            With --media-host URL (and --via, or alone) the encoded file goes once to the province media host \
            instead, by HTTP PUT to URL/media/SHA256.opus, unless a HEAD says it is already there; over https:// \
            it presents your staff certificate (--cert, --key) and checks the host against --ca, as the host takes \
            a PUT only from staff (docs/call-home.md). The call-home sites fetch it from there by its hash when an \
            alert names it. Nothing is sent to the sites or the broker.
              communecast media upload bao-lu.wav --via mqtts://mqtt.angiang.example:8883 \
                --media-host https://media.angiang.example
            """
    )

    /// Largest file the daemon accepts (DESIGN §5 leaves room for base64 in a 16 MiB message).
    static let maxBytes = 12 * 1_024 * 1_024

    @Argument(help: "The audio file (leave out with --text or --text-file).")
    var file: String?

    @OptionGroup(title: "Text instead of a file") var speech: TextInputOptions

    @Option(help: ArgumentHelp(
        "Name to store it under: 1-100 letters, digits, '.', '-' or '_', no spaces (default: made from the file name, "
            + "as 'Thông báo tiêm phòng.wav' → thong-bao-tiem-phong).", valueName: "name"
    ))
    var name: String?

    @Flag(name: .customLong("as-is"), help: "Send the file unchanged and let the site encode it.")
    var asIs = false

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Option(name: .customLong("media-host"), help: ArgumentHelp(
        "Put the encoded file on the province media host (http(s)://HOST[:PORT]) instead of a site: PUT "
            + "URL/media/SHA256.opus, once.", valueName: "url"
    ))
    var mediaHost: String?

    @Flag(help: "Print the stored media as JSON.")
    var json = false

    func validate() throws {
        if let name, let problem = SiteName.media.problem(with: name) { throw ValidationError("--name: \(problem)") }
        if speech.isActive && file != nil { throw ValidationError("give a FILE or --text/--text-file, not both") }
        if !speech.isActive && file == nil { throw ValidationError("give a FILE to upload, or --text/--text-file") }
        if speech.isActive && asIs { throw ValidationError("--as-is sends a file unchanged; it does not apply to text") }
        if broker.isActive && mediaHost == nil {
            throw ValidationError("--via: media goes to the media host, not the broker; give --media-host URL")
        }
        if mediaHost != nil && (asIs || fleet.isActive) {
            throw ValidationError("--media-host takes the encoded file alone: leave out --as-is and the site "
                                  + "selection")
        }
    }

    func run() async throws {
        let parameters = try file.map { try Self.parameters(file: $0, name: name, asIs: asIs) }
            ?? Self.parameters(speaking: speech, name: name)
        if let mediaHost { return try await putOnMediaHost(parameters, host: mediaHost) }
        if fleet.isActive {
            // Encoded once: every site is sent the same bytes.
            let upload = try PreparedCall(Site.UploadMedia.self, parameters)
            return try await FanOutReport.run("media upload", fleet: fleet, connection: connection, json: json,
                                              detail: { "\($0.deduplicated ? "already stored" : "stored") \($0.media.name)" }) {
                client, _ in try await client.call(upload)
            }
        }
        let reply = try await Self.upload(parameters, connection: connection)
        if json { return try Terminal.printJSON(reply) }
        let media = reply.media
        print("\(reply.deduplicated ? "already stored" : "stored") \(media.name): "
              + "\(Terminal.clock(media.durationS)), \(Terminal.bytes(media.sizeBytes)), "
              + String(format: "%.1f LUFS", media.loudnessLufs) + ", sha256 \(media.sha256)")
    }

    /// Reads, checks and uploads a file; shared with `alert push FILE`.
    static func upload(
        file: String, name: String?, asIs: Bool = false, contentNamed: Bool = false, connection: ConnectionOptions
    ) async throws -> Site.UploadMedia.Reply {
        try await upload(try Self.parameters(file: file, name: name, asIs: asIs, contentNamed: contentNamed),
                         connection: connection)
    }

    /// Uploads prepared parameters to one site.
    static func upload(
        _ parameters: Site.UploadMedia.Parameters, connection: ConnectionOptions
    ) async throws -> Site.UploadMedia.Reply {
        Terminal.progress("uploading \(Terminal.bytes(parameters.data.count * 3 / 4)) to \(connection.connect)…")
        defer { Terminal.endProgress() }
        return try await connection.withClient { try await $0.call(Site.UploadMedia.self, parameters) }
    }

    /// Reads a file once, for one site or many, and makes it broadcast-ready here: a file our pipeline already
    /// made is sent as it is; anything else is encoded once with the default settings, so a site with the default
    /// settings stores it without work and a slow link carries compressed audio. `asIs` sends the file unchanged.
    /// `contentNamed` names it after the file and its content (`bao-so-9-3fa2c1d0`), as `alert push FILE` does, so
    /// two different recordings with the same file name never collide on a site. A name made from the file name has
    /// its diacritics stripped and its spaces made dashes (``SiteName``), so Vietnamese file names work as they are.
    static func parameters(
        file: String, name: String?, asIs: Bool = false, contentNamed: Bool = false
    ) throws -> Site.UploadMedia.Parameters {
        let stem = SiteName.media.from(fileName: file)
        if name == nil, stem == nil, !contentNamed {
            throw CLIError("cannot make a media name from '\(file)'; give one with --name (\(SiteName.media.rule))")
        }
        var data = try read(file)
        // Said here, in the words media encode uses, rather than by the site after the upload.
        if data.isEmpty { throw ImportError.emptyFile(path: file) }
        if !asIs, (try? BroadcastReady.check(bytes: [UInt8](data), path: file, options: Self.siteDefaults)) == nil {
            data = try encode(file)
        }
        guard data.count <= maxBytes else {
            throw CLIError("'\(file)' is \(Terminal.bytes(data.count))\(asIs ? "" : " after encoding"); the site accepts "
                           + "at most 12 MiB per upload" + (asIs ? " (leave out --as-is to send it encoded)" : ""))
        }
        let digest = FileDigest.sha256([UInt8](data)).prefix(8)
        let label = contentNamed ? "\(String((stem ?? "alert").prefix(90)))-\(digest)" : stem ?? ""
        return Site.UploadMedia.Parameters(name: name ?? label, data: data.base64EncodedString())
    }

    /// Speaks the text here with the site's default settings and prepares the result for upload, named after the
    /// text file, or `text-` and the first 8 hex digits of the audio's SHA-256.
    static func parameters(speaking speech: TextInputOptions, name: String?) throws -> Site.UploadMedia.Parameters {
        let (text, source) = try speech.read()
        let output = NSTemporaryDirectory() + "communecast-speech-\(UUID().uuidString).opus"
        defer { try? FileManager.default.removeItem(atPath: output) }
        Terminal.progress("speaking…")
        defer { Terminal.endProgress() }
        _ = try SpeechEncoder.encode(text: text, source: source, settings: speech.settings, output: output,
                                     abbreviations: try speech.abbreviations(), options: siteDefaults)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        guard data.count <= maxBytes else {
            throw CLIError("\(source == "--text" ? "the text" : "'\(source)'") is \(Terminal.bytes(data.count)) "
                           + "when spoken; the site accepts at most 12 MiB per upload")
        }
        let label = source == "--text" ? "text-\(FileDigest.sha256([UInt8](data)).prefix(8))"
            : SiteName.media.from(fileName: source) ?? "text-\(FileDigest.sha256([UInt8](data)).prefix(8))"
        return Site.UploadMedia.Parameters(name: name ?? label, data: data.base64EncodedString())
    }

    /// The settings a site uses unless its configuration says otherwise.
    static var siteDefaults: EncodeOptions {
        var options = EncodeOptions.onThisMachine
        options.title = ""
        return options
    }

    private static func read(_ file: String) throws -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read '\(file)': \(error.localizedDescription)")
        }
        guard data.count <= 512 * 1_024 * 1_024 else {
            throw CLIError("'\(file)' is \(Terminal.bytes(data.count)); that is not an announcement")
        }
        return data
    }

    /// Runs the broadcast pipeline on `file` into a temporary file and returns its bytes.
    private static func encode(_ file: String) throws -> Data {
        let output = NSTemporaryDirectory() + "communecast-upload-\(UUID().uuidString).opus"
        defer { try? FileManager.default.removeItem(atPath: output) }
        Terminal.progress("encoding \(file)…")
        defer { Terminal.endProgress() }
        _ = try MediaImporter.encode(input: file, output: output, options: siteDefaults)
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }
}
