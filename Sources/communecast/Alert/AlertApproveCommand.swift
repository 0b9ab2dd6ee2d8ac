import AlertTrust
import ArgumentParser
import Foundation

/// `communecast alert approve`: the second person's signature on a draft, after they confirm its fingerprint.
struct AlertApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve someone else's draft: check it, confirm its fingerprint and add your signature.",
        discussion: """
            Refused when you drafted or already signed it, when --confirm does not match the payload's \
            fingerprint, when the payload changed since it was signed, and when the draft has expired (an hour \
            after drafting, or the alert's own expiry). The file is rewritten atomically (or --out is written).
            Example:
              communecast alert approve bao-so-9.jws --confirm 3FA2-9C11-0B7E-54D2 \\
                  --cert me.pem --key me.key --ca province-ca.pem
            """
    )

    @Argument(help: "The draft file.")
    var file: String

    @Option(help: ArgumentHelp("The fingerprint the drafter gave you (as `alert draft` and `alert show` print it).",
                               valueName: "fingerprint"))
    var confirm: String

    @Option(help: ArgumentHelp("Write the approved alert here instead of over FILE.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Inventory (YAML) to count the audience in (default: $COMMUNECAST_INVENTORY).",
                               valueName: "file"))
    var inventory: String?

    @OptionGroup(title: "Signing") var signing: SigningOptions

    @Flag(help: "Print the preview as JSON.")
    var json = false

    func run() async throws {
        let now = Date()
        let policy = AlertTrustPolicy()
        let inspection = try await EnvelopeFile.inspect(file, trust: try signing.trust(), now: now)
        if let problem = inspection.problems.first {
            throw CLIError("'\(file)' cannot be approved: \(problem). Nothing was signed.")
        }
        guard inspection.fingerprint.matches(confirm) else {
            throw CLIError("'\(file)' has the fingerprint \(inspection.fingerprint.short), not \(confirm): the "
                           + "payload is not the one you were asked to approve. Nothing was signed.")
        }
        guard let draft = inspection.draft else {
            throw CLIError("'\(file)' has no single draft signature to approve")
        }
        let expiry = policy.draftExpiry(drafted: draft.issuedAt, payload: inspection.payload)
        guard now < expiry else {
            throw CLIError("'\(file)': the draft expired at \(AlertPayload.timeText(expiry)) (a draft can be "
                           + "approved for \(Int(policy.draftLifetime / 60)) minutes, and never after the alert "
                           + "expires); ask for a new draft. Nothing was signed.")
        }
        let signer = try await signing.signer(now: now)
        for signature in inspection.signatures {
            guard let identity = signature.identity, identity.isSamePerson(as: signer.identity) else { continue }
            let what = signature.part == .draft ? "drafted" : "already approved"
            throw CLIError("your certificate (\(signer.identity)) is \(identity.commonName ?? identity.subject)'s, "
                           + "who \(what) '\(file)': approval must come from someone else. Nothing was signed.")
        }
        var envelope = inspection.envelope
        try signer.sign(&envelope, part: .approve, at: now)
        let destination = out ?? file
        try EnvelopeFile.write(envelope, to: destination, replace: true)
        let approved = try await EnvelopeFile.inspect(destination, trust: try signing.trust(), now: now)
        let audience = try (inventory ?? SigningOptions.environment("COMMUNECAST_INVENTORY")).map {
            try AudienceCount(audience: approved.payload.audience, inventoryPath: $0)
        }
        AlertPreview(inspection: approved, file: destination, audience: audience).print(json: json)
    }
}
