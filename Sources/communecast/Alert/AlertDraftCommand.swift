import AlertTrust
import ArgumentParser
import BroadcastModel
import ControlProtocol
import Foundation

/// `communecast alert draft`: writes a signed alert to a file, signed by you as its drafter, and previews it. An
/// actual emergency then needs a second person's `alert approve`; everything else is complete with one signature.
struct AlertDraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write a signed alert (JWS) to --out, signed by you as drafter, and preview it.",
        discussion: """
            The alert names its content by SHA-256 (stored media on the sites) or carries text, and its audience \
            by site, tag or area code. An actual emergency needs a second person: they run `alert approve` with \
            the fingerprint this command prints. A cancel (--cancel ID) needs one signature and may carry a \
            pre-recorded correction (--media of the "báo động nhầm" announcement).
            Examples:
              communecast alert draft --id bao-so-9 --media 3fa2… --expires 6h \\
                  --repeat 3 --interval 600 --tag ven-song --inventory sites.yaml \\
                  --out bao-so-9.jws
              communecast alert draft --cancel bao-so-9 --media 9c11… --tag ven-song \\
                  --out huy-bao-so-9.jws
            A live emergency broadcast names a stream instead (--stream URL, repeatable, and --duration): the \
            sites relay the Icecast mount after the attention tone, preempting everything.
              communecast alert draft --id khan-cap \\
                  --stream http://tinh.example:8000/khan.opus --duration 15m \\
                  --area 30316 --out khan-cap.jws
            """
    )

    @Option(help: "The alert id; with the issuer it names the alert everywhere (default: a new UUID).")
    var id: String?

    @Option(help: ArgumentHelp("Who issues the alert (default: $COMMUNECAST_ISSUER, else the CA's organisation).",
                               valueName: "name"))
    var issuer: String?

    @Option(help: ArgumentHelp("Stored media to air, by its SHA-256 (64 hex digits).", valueName: "sha256"))
    var media: String?

    @Option(help: "Text to speak instead of media (for sites that can speak).")
    var text: String?

    @OptionGroup(title: "A live stream instead of media") var live: StreamAlertOptions

    @Flag(name: .customLong("no-tone"), help: "Do not play the attention tone first.")
    var noTone = false

    @Option(help: "emergency (default) or priority.")
    var level: Site.AlertLevel = .emergency

    @Option(help: "actual (default), exercise or test.")
    var status: BroadcastStatus = .actual

    @Option(help: "Lifetime, e.g. 90m, 6h, 1d, or an RFC 3339 time; nothing airs after it (default 6h).")
    var expires = "6h"

    @Option(name: .customLong("repeat"), help: "How many times to air it (1-100).")
    var repeatCount = 1

    @Option(help: "Seconds between airings (0-86400).")
    var interval = 0

    @Option(name: .customLong("site"), help: ArgumentHelp("A site of the audience, by name (repeatable).",
                                                          valueName: "name"))
    var sites: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Sites with this tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("area"), help: ArgumentHelp("Sites in this commune, district or province code "
                                                          + "(repeatable).", valueName: "code"))
    var areas: [String] = []

    @Option(help: ArgumentHelp("Replace this earlier alert (repeatable): the draft is an update.", valueName: "id"))
    var update: [String] = []

    @Option(help: ArgumentHelp("Cancel this alert (repeatable): the draft is a cancel, complete with your "
                               + "signature.", valueName: "id"))
    var cancel: [String] = []

    @Option(help: ArgumentHelp("Inventory (YAML) to count the audience in (default: $COMMUNECAST_INVENTORY).",
                               valueName: "file"))
    var inventory: String?

    @Option(help: ArgumentHelp("Where to write the signed alert.", valueName: "file"))
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @OptionGroup(title: "Signing") var signing: SigningOptions

    @Flag(help: "Print the preview as JSON.")
    var json = false

    func validate() throws {
        guard [media != nil, text != nil, live.isActive].filter({ $0 }).count <= 1 else {
            throw ValidationError("give one of --media, --text or --stream")
        }
        try live.check(noTone: noTone)
        if let media, !AlertContent.isSHA256(media.lowercased()) {
            throw ValidationError("--media must be a SHA-256: 64 hex digits (see `communecast media list`)")
        }
        guard update.isEmpty || cancel.isEmpty else { throw ValidationError("give --update or --cancel, not both") }
        guard !(sites.isEmpty && tags.isEmpty && areas.isEmpty) else {
            throw ValidationError("name the audience with --site, --tag or --area")
        }
        guard (1...100).contains(repeatCount) else { throw ValidationError("--repeat must be 1 to 100") }
        guard (0...86_400).contains(interval) else { throw ValidationError("--interval must be 0 to 86400 seconds") }
        _ = try AlertPushCommand.expiry(expires, now: Date())
    }

    func run() async throws {
        let now = Date()
        let signer = try await signing.signer(now: now)
        let issuer = try issuer ?? SigningOptions.environment("COMMUNECAST_ISSUER") ?? signing.trust().organization
        let type: AlertMessageType = !cancel.isEmpty ? .cancel : (!update.isEmpty ? .update : .alert)
        let hasContent = media != nil || text != nil || live.isActive
        let payload = AlertPayload(
            issuer: issuer, id: id ?? UUID().uuidString.lowercased(), sent: now,
            expires: RFC3339.parse(try AlertPushCommand.expiry(expires, now: now)) ?? now,
            audience: AlertAudience(sites: sites, tags: tags, areas: areas), messageType: type,
            references: cancel + update, status: status, level: level, repeatCount: repeatCount,
            intervalSeconds: interval,
            content: AlertContent(tone: !noTone && (type != .cancel || hasContent), media: media?.lowercased(),
                                  text: text, stream: live.urls, durationSeconds: live.seconds)
        )
        do {
            _ = try AlertPayload(parsing: payload.jsonBytes)
        } catch {
            throw CLIError("this alert cannot be drafted: \(error)")
        }
        var envelope = AlertEnvelope(payload: payload)
        try signer.sign(&envelope, part: .draft, at: now)
        try EnvelopeFile.write(envelope, to: out, replace: force)
        let inspection = try await EnvelopeFile.inspect(out, trust: try signing.trust(), now: now)
        let audience = try (inventory ?? SigningOptions.environment("COMMUNECAST_INVENTORY")).map {
            try AudienceCount(audience: payload.audience, inventoryPath: $0)
        }
        AlertPreview(inspection: inspection, file: out, audience: audience).print(json: json)
    }
}
