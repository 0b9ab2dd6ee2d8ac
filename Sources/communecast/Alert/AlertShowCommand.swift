import AlertTrust
import ArgumentParser
import Foundation

/// `communecast alert show`: previews a signed alert file and checks its signatures; exit 1 if one does not hold.
struct AlertShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Preview a signed alert file and check its signatures (against --ca when given).",
        discussion: "Exit status 1 when a signature does not hold or the file is not a signed alert."
    )

    @Argument(help: "The signed alert file.")
    var file: String

    @Option(help: ArgumentHelp("The provincial CA to check the signers' certificates against (default: "
                               + "$COMMUNECAST_CA).", valueName: "pem"))
    var ca: String?

    @Option(help: ArgumentHelp("Inventory (YAML) to count the audience in (default: $COMMUNECAST_INVENTORY).",
                               valueName: "file"))
    var inventory: String?

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let trust = try (ca ?? SigningOptions.environment("COMMUNECAST_CA")).map { try ProvincialTrust(path: $0) }
        let inspection = try await EnvelopeFile.inspect(file, trust: trust, now: Date())
        let audience = try (inventory ?? SigningOptions.environment("COMMUNECAST_INVENTORY")).map {
            try AudienceCount(audience: inspection.payload.audience, inventoryPath: $0)
        }
        AlertPreview(inspection: inspection, file: file, audience: audience).print(json: json)
        if let problem = inspection.problems.first {
            throw CLIError("'\(file)': \(problem)")
        }
    }
}
