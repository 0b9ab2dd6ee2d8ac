import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import HostSystem
import Logging

/// `--connect` and the TLS credentials, shared by every command that talks to a site.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Site address: unix:PATH or tls:HOST:PORT (default: $COMMUNECAST_CONNECT, else the daemon's default socket).",
        valueName: "address"
    ))
    var connect: String = DefaultSocket.connectAddress()

    @Option(help: "Seconds to wait for the site to answer.")
    var timeout: Double = 30

    @Option(help: ArgumentHelp(
        "For tls: addresses, your client certificate, PEM (default: $COMMUNECAST_CERT).", valueName: "pem"
    ))
    var cert: String?

    @Option(help: ArgumentHelp(
        "For tls: addresses, your client certificate's private key, PEM (default: $COMMUNECAST_KEY).",
        valueName: "pem"
    ))
    var key: String?

    @Option(help: ArgumentHelp(
        "For tls: addresses, the CA that signed the site's certificate, PEM (default: $COMMUNECAST_CA). The site's "
            + "certificate must also name HOST.", valueName: "pem"
    ))
    var ca: String?

    /// `--cert`, else `COMMUNECAST_CERT`.
    var certificatePath: String? { cert ?? Self.environment("COMMUNECAST_CERT") }
    /// `--key`, else `COMMUNECAST_KEY`.
    var keyPath: String? { key ?? Self.environment("COMMUNECAST_KEY") }
    /// `--ca`, else `COMMUNECAST_CA`.
    var caPath: String? { ca ?? Self.environment("COMMUNECAST_CA") }

    func validate() throws {
        if (certificatePath == nil) != (keyPath == nil) {
            throw ValidationError("--cert and --key go together (or COMMUNECAST_CERT and COMMUNECAST_KEY)")
        }
        if connect.hasPrefix("tls:"), caPath == nil {
            throw ValidationError("\(connect) needs --ca (or COMMUNECAST_CA): the CA that signed the site's "
                                  + "certificate")
        }
    }

    /// A client for the media host `host` with this connection's timeout and, over `https:`, its staff
    /// certificate: what `media upload --media-host` and `alert send --media-host` both talk to.
    func mediaHostClient(for host: String) throws -> MediaHostClient {
        let credentials = try mediaHostCredentials(for: host)
        do {
            return try MediaHostClient(host: host, timeout: .milliseconds(Int64(timeout * 1_000)),
                                       credentials: credentials)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The staff certificate for the media host's authenticated `PUT` over `https:` (`--cert`, `--key`, `--ca`),
    /// or `nil` for an `http:` host or without `--ca`.
    func mediaHostCredentials(for host: String) throws -> TLSClientCredentials? {
        guard host.lowercased().hasPrefix("https:"), let caPath else { return nil }
        return try TLSClientCredentials(certificatePath: certificatePath, keyPath: keyPath, caPath: caPath)
    }

    /// Connects, runs `body`, and closes; connection failures become one clear message and exit status 1.
    func withClient<T: Sendable>(_ body: (VarlinkClient) async throws -> T) async throws -> T {
        let address = try SiteAddress(parsing: connect)
        var logger = Logger(label: "communecast")
        logger.logLevel = .critical
        var credentials: TLSClientCredentials?
        if case .tls = address, let caPath {
            credentials = try TLSClientCredentials(certificatePath: certificatePath, keyPath: keyPath, caPath: caPath)
        }
        let client = try await VarlinkClient.connect(to: address, timeout: .milliseconds(Int64(timeout * 1_000)),
                                                     tls: credentials, logger: logger)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// A non-empty environment variable.
    private static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
