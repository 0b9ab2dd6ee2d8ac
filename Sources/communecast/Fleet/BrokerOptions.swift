import AlertTrust
import ArgumentParser
import Fleet
import Foundation
import Logging
import Uplink

/// `--via mqtts://HOST:PORT`: go through the province's call-home broker (issue 15) instead of dialling each site.
/// The office connects with the staff member's certificate (`--cert`, `--key`, `--ca`), whose CN the broker makes
/// its username; nothing is sent to the sites but what is published.
struct BrokerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Go through the call-home broker instead of dialling the sites: mqtts://HOST:PORT (repeatable: the next "
            + "one is tried when the first cannot be reached). Uses --cert, --key and --ca.", valueName: "url"
    ))
    var via: [String] = []

    @Option(help: ArgumentHelp(
        "With --via, your name on the broker (default: your certificate's CN, which the broker takes as your "
            + "username).", valueName: "name"
    ))
    var office: String?

    /// Whether the command goes through the broker.
    var isActive: Bool { !via.isEmpty }

    func validate() throws {
        for address in via {
            do {
                _ = try BrokerEndpoint(parsing: address)
            } catch {
                throw ValidationError("--via: \(error.description)")
            }
        }
        if office != nil, via.isEmpty { throw ValidationError("--office goes with --via") }
    }

    /// Connects to the brokers with `connection`'s credentials, subscribed to `filters`, within its timeout.
    func connect(_ connection: ConnectionOptions, subscribing filters: [String] = []) async throws
        -> BrokerConnection {
        guard let certificate = connection.certificatePath, let key = connection.keyPath,
              let ca = connection.caPath else {
            throw CLIError("--via needs your staff certificate: --cert, --key and --ca (or COMMUNECAST_CERT, "
                           + "COMMUNECAST_KEY and COMMUNECAST_CA)")
        }
        let name: String
        if let office {
            name = office
        } else {
            name = try await Self.commonName(certificate: certificate, key: key, ca: ca)
        }
        var logger = Logger(label: "communecast")
        logger.logLevel = .critical
        do {
            let broker = try BrokerConnection(
                brokers: try via.map { try BrokerEndpoint(parsing: $0) },
                credentials: UplinkCredentials(caPath: ca, certificatePath: certificate, keyPath: key),
                office: name, logger: logger
            )
            try await broker.connect(subscribing: filters, timeout: .milliseconds(Int64(connection.timeout * 1_000)))
            return broker
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The CN of the staff certificate, checked against its key and the CA.
    private static func commonName(certificate: String, key: String, ca: String) async throws -> String {
        let identity: SignerIdentity
        do {
            identity = try await AlertSigner(certificatePath: certificate, keyPath: key, issuerPath: ca, now: Date())
                .identity
        } catch {
            throw CLIError("--via: \(error)")
        }
        guard let name = identity.commonName else {
            throw CLIError("--via: the certificate \(certificate) has no CN; give --office NAME")
        }
        return name
    }
}
