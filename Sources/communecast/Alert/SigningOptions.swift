import AlertTrust
import ArgumentParser
import Foundation

/// `--cert`, `--key` and `--ca` for signing an alert: the same files a person uses for TLS, with the same
/// environment defaults.
struct SigningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Your certificate, PEM (default: $COMMUNECAST_CERT).", valueName: "pem"))
    var cert: String?

    @Option(help: ArgumentHelp("Your private key, PEM (default: $COMMUNECAST_KEY).", valueName: "pem"))
    var key: String?

    @Option(help: ArgumentHelp(
        "The provincial CA that issued the certificates, PEM (default: $COMMUNECAST_CA).", valueName: "pem"
    ))
    var ca: String?

    /// `--ca`, else `COMMUNECAST_CA`.
    var caPath: String? { ca ?? Self.environment("COMMUNECAST_CA") }

    func validate() throws {
        guard cert ?? Self.environment("COMMUNECAST_CERT") != nil, key ?? Self.environment("COMMUNECAST_KEY") != nil
        else {
            throw ValidationError("signing needs --cert and --key (or COMMUNECAST_CERT and COMMUNECAST_KEY)")
        }
        guard caPath != nil else {
            throw ValidationError("signing needs --ca (or COMMUNECAST_CA): the provincial CA, which goes into x5c")
        }
    }

    /// The pinned CA.
    func trust() throws -> ProvincialTrust {
        try ProvincialTrust(path: caPath ?? "")
    }

    /// The signer, checked as of `now`: the key fits the certificate, which may sign alerts and chains to the CA.
    func signer(now: Date) async throws -> AlertSigner {
        try await AlertSigner(certificatePath: cert ?? Self.environment("COMMUNECAST_CERT") ?? "",
                              keyPath: key ?? Self.environment("COMMUNECAST_KEY") ?? "",
                              issuerPath: caPath ?? "", now: now)
    }

    /// A non-empty environment variable.
    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
