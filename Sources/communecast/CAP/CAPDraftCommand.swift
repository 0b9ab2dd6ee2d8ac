import AlertTrust
import ArgumentParser
import CAPIntake
import ControlProtocol
import Foundation

/// `communecast cap draft`: turns one CAP message into a signed alert draft of issue 14, signed by you as drafter;
/// it then needs the usual approval (`alert approve`) where the site's policy asks for two people.
struct CAPDraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a signed alert (JWS) from a CAP message, signed by you, and show the mapping chosen.",
        discussion: """
            The message is checked as `cap check` does, then mapped by the policy. The draft carries the CAP \
            sender, identifier, sent and the SHA-256 of the file, so each site's as-run log can name the warning. \
            An audio resource is imported beside the draft as <sha256>.opus. A message the policy holds for a \
            person (no area, level normal, text in another language) is drafted only with your decision: \
            --site/--tag/--area, --level, --text or --media. Nothing is written for a message that is refused or \
            only logged (exit status 1).
            Example:
              communecast cap draft warning.xml --policy cap-policy.yaml \\
                  --inventory sites.yaml --out warning.jws \\
                  --cert me.pem --key me.key --ca province-ca.pem
            """
    )

    @Argument(help: "The CAP file.")
    var file: String

    @OptionGroup var input: CAPInputOptions

    @Option(help: ArgumentHelp("Where to write the signed alert.", valueName: "file"))
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @Option(help: ArgumentHelp("Who issues the alert (default: $COMMUNECAST_ISSUER, else the CA's organisation).",
                               valueName: "name"))
    var issuer: String?

    @Option(help: ArgumentHelp("A ledger (JSON) of CAP messages already handled, read and updated (as cap watch "
                               + "keeps one).", valueName: "file"))
    var ledger: String?

    @Option(name: .customLong("site"), help: ArgumentHelp("Your audience instead of the area's: a site (repeatable).",
                                                          valueName: "name"))
    var sites: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Sites with this tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("area"), help: ArgumentHelp("Sites in this area code (repeatable).", valueName: "code"))
    var areas: [String] = []

    @Option(help: "Your level instead of the mapped one: priority or emergency.")
    var level: Site.AlertLevel?

    @Option(help: "Your text to speak instead of the message's (a translation).")
    var text: String?

    @Option(help: ArgumentHelp("Stored media to air instead, by its SHA-256.", valueName: "sha256"))
    var media: String?

    @OptionGroup(title: "Signing") var signing: SigningOptions

    @Flag(help: "Print the report and the preview as one JSON object.")
    var json = false

    func validate() throws {
        guard media == nil || text == nil else { throw ValidationError("give --media or --text, not both") }
        if let media, !AlertContent.isSHA256(media.lowercased()) {
            throw ValidationError("--media must be a SHA-256: 64 hex digits")
        }
    }

    func run() async throws {
        let now = Date()
        let policy = try input.loadPolicy()
        let audience = sites.isEmpty && tags.isEmpty && areas.isEmpty
            ? nil : AlertAudience(sites: sites, tags: tags, areas: areas)
        let overrides = CAPOverrides(audience: audience, level: level, text: text, media: media?.lowercased())
        let drafter = CAPDrafter(
            policy: policy, sites: try input.loadSites(), signing: signing,
            issuer: try issuer ?? SigningOptions.environment("COMMUNECAST_ISSUER") ?? signing.trust().organization
        )
        var book: CAPLedger? = try ledger.map { path in
            do {
                return try CAPLedger.load(path: path)
            } catch {
                throw CLIError("ledger '\(path)' cannot be read: \(error)")
            }
        }
        let bytes = try CAPInputOptions.read(file, limit: policy.maximumBytes)
        let outcome = try await drafter.process(bytes, name: file, out: out, replace: force, overrides: overrides,
                                                ledger: &book, now: now)
        if let ledger, let book { try book.save(path: ledger) }
        try await show(outcome, now: now)
    }

    private func show(_ outcome: CAPDrafter.Outcome, now: Date) async throws {
        let report = outcome.report
        var preview: AlertPreview?
        if let draft = outcome.draft {
            let inspection = try await EnvelopeFile.inspect(draft, trust: try signing.trust(), now: now)
            let audience = try (input.inventory ?? SigningOptions.environment("COMMUNECAST_INVENTORY")).map {
                try AudienceCount(audience: inspection.payload.audience, inventoryPath: $0)
            }
            preview = AlertPreview(inspection: inspection, file: draft, audience: audience)
        }
        if json {
            var members: [String: JSONValue] = ["cap": report.json()]
            members["alert"] = preview?.json() ?? .null
            members["media"] = outcome.media.map(JSONValue.string) ?? .null
            print(String(decoding: JSONWriter.bytes(of: .object(members)), as: UTF8.self))
        } else {
            print(report.text())
            if let media = outcome.media { print("  media     \(media) (imported from the audio resource)") }
            if let preview { print("\n" + preview.text()) }
        }
        guard outcome.draft != nil else {
            let why = report.refusal != nil ? "refused" : (report.mapping?.disposition.description ?? "not drafted")
            throw CLIError("'\(file)': no draft written (\(why))")
        }
    }
}
