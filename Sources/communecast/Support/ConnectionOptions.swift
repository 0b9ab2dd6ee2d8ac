import ArgumentParser
import ControlProtocol
import Fleet
import Logging

/// `--connect`, shared by every command that talks to a site.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Site address: unix:PATH (default: $COMMUNECAST_CONNECT, else the daemon's default socket).",
        valueName: "address"
    ))
    var connect: String = DefaultSocket.connectAddress()

    @Option(help: "Seconds to wait for the site to answer.")
    var timeout: Double = 30

    /// Connects, runs `body`, and closes; connection failures become one clear message and exit status 1.
    func withClient<T: Sendable>(_ body: (VarlinkClient) async throws -> T) async throws -> T {
        let address = try SiteAddress(parsing: connect)
        var logger = Logger(label: "communecast")
        logger.logLevel = .critical
        let client = try await VarlinkClient.connect(to: address, timeout: .milliseconds(Int64(timeout * 1_000)),
                                                     logger: logger)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}
