import ArgumentParser
import Daemon
import Foundation
import Logging

/// `communecastd`: the site daemon. Flags override the configuration file; with neither, safe defaults apply.
@main
struct CommuneCastDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communecastd",
        abstract: "Run a CommuneCast site: schedule, play and log broadcasts, and serve the control socket.",
        version: SiteDaemon.version
    )

    @Option(help: "YAML configuration file (every key has a default).")
    var config: String?

    @Option(name: .customLong("state-dir"), help: "Directory for the database and media.")
    var stateDir: String?

    @Option(help: "Path of the Unix control socket.")
    var socket: String?

    @Option(help: "Hardware profile name (e.g. virtual) or YAML file.")
    var profile: String?

    @Option(name: .customLong("schedules-dir"), help: ArgumentHelp(
        "Directory of schedule files (*.yaml), read at start and on SIGHUP.",
        discussion: "Default: schedules.directory in the configuration, else /etc/communecast/schedules for root "
            + "and ~/.config/communecast/schedules otherwise."
    ))
    var schedulesDir: String?

    @OptionGroup(title: "Remote control over mutual TLS")
    var tls: TLSFlags

    @Flag(name: .customLong("check-config"), help: "Validate the configuration and profile, print a summary, exit.")
    var checkConfig = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            let level = ProcessInfo.processInfo.environment["COMMUNECAST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) }
            handler.logLevel = level ?? .info
            return handler
        }
        let logger = Logger(label: "communecastd")
        var options = DaemonOptions(configPath: config, stateDirectory: stateDir, socketPath: socket, profile: profile,
                                    schedulesDirectory: schedulesDir)
        options.tls = tls.settings
        let daemon: SiteDaemon
        do {
            daemon = try SiteDaemon(options: options, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("communecastd: configuration error:\n\(error)\n".utf8))
            throw ExitCode(1)
        }
        if checkConfig {
            print("configuration OK\n\(daemon.summary)")
            return
        }
        try await daemon.run()
    }
}
