import ArgumentParser
import Daemon
import Foundation
import HostSystem
import Logging

/// `communecastd`: the site daemon. Flags override the configuration file; with neither, safe defaults apply.
@main
struct CommuneCastDaemon: AsyncParsableCommand {
    /// The entry point: parses the arguments even when the Swift runtime lost them (see ``ProcessArguments``).
    static func main() async {
        await main(Array(ProcessArguments.all.dropFirst()))
    }

    static let configuration = CommandConfiguration(
        commandName: "communecastd",
        abstract: "Run a CommuneCast site: schedule, play and log broadcasts, and serve the control socket.",
        discussion: """
            Flags override the configuration file; with neither, safe defaults apply. Installed, the daemon runs as \
            communecastd.service with --config /etc/communecast/communecastd.yaml, state in /var/lib/communecast \
            and the control socket /run/communecast/control.sock passed by communecastd.socket.

            Signals: SIGHUP re-reads the configuration file, the hardware profile and the schedules directory; a \
            file with a problem is logged with file, line and key and the settings in force stay. SIGTERM and \
            SIGINT stop gracefully: an emergency on air stays owed and airs again after the restart.

            Environment: COMMUNECAST_LOG_LEVEL (debug, info, notice, warning, error); COMMUNECAST_PROFILES (a \
            directory searched for profiles before /etc/communecast/profiles, \
            /usr/share/communecast/profiles and the installation prefix's share/communecast/profiles). From systemd: NOTIFY_SOCKET (READY=1, STATUS=, RELOADING=1, \
            STOPPING=1, and WATCHDOG=1 at half of WATCHDOG_USEC while the audio thread is alive), LISTEN_FDS and \
            LISTEN_PID (serve the inherited socket), STATE_DIRECTORY, RUNTIME_DIRECTORY and \
            CONFIGURATION_DIRECTORY (the default state directory, socket directory and schedules' parent).

            --check-config reports every problem of the configuration and the profile at once (file, line, key; a \
            profile name found nowhere is listed with the known ones), and warnings for what is legal but probably \
            not meant: an emergency volume below the normal one, a schedules directory or an amplifier program \
            that does not exist. Log lines are stamped in the site's time zone (site.timezone), as the CLI shows \
            times.

            Exit status: 0 after a graceful stop or a good --check-config (warnings included), 1 on a \
            configuration or start-up problem.
            """,
        version: SiteDaemon.version
    )

    @Option(help: "YAML configuration file (every key has a default).")
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp(
        "Directory for the database and media.",
        discussion: "Default: state_dir in the configuration, else $STATE_DIRECTORY, else /var/lib/communecast for "
            + "root and $XDG_STATE_HOME/communecast otherwise."
    ))
    var stateDir: String?

    @Option(help: ArgumentHelp(
        "Path of the Unix control socket (not used when systemd passes the socket).",
        discussion: "Default: socket in the configuration, else $RUNTIME_DIRECTORY/control.sock, else "
            + "/run/communecast/control.sock for root and $XDG_RUNTIME_DIR/communecast/control.sock otherwise."
    ))
    var socket: String?

    @Option(help: "Hardware profile name (virtual, rpi4-usb, x86-minipc…) or YAML file.")
    var profile: String?

    @Option(name: .customLong("schedules-dir"), help: ArgumentHelp(
        "Directory of schedule files (*.yaml), read at start and on SIGHUP.",
        discussion: "Default: schedules.directory in the configuration, else $CONFIGURATION_DIRECTORY/schedules, "
            + "else /etc/communecast/schedules for root and ~/.config/communecast/schedules otherwise."
    ))
    var schedulesDir: String?

    @OptionGroup(title: "Remote control over mutual TLS")
    var tls: TLSFlags

    @Flag(name: .customLong("check-config"), help: "Validate the configuration and profile, print a summary, exit.")
    var checkConfig = false

    func run() async throws {
        var options = DaemonOptions(configPath: config, stateDirectory: stateDir, socketPath: socket, profile: profile,
                                    schedulesDirectory: schedulesDir)
        options.tls = tls.settings
        // Log lines carry the site's zone, as the CLI and the as-run log show times (a bad file is reported below).
        let zone = SiteDaemon.timeZone(options: options)
        let level = ProcessInfo.processInfo.environment["COMMUNECAST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) }
        LoggingSystem.bootstrap { SiteLogHandler(label: $0, level: level ?? .info, timeZone: zone) }
        let logger = Logger(label: "communecastd")
        let daemon: SiteDaemon
        do {
            daemon = try SiteDaemon(options: options, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("communecastd: configuration error:\n\(error)\n".utf8))
            throw ExitCode(1)
        }
        if checkConfig {
            for warning in daemon.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            let verdict = daemon.warnings.isEmpty ? "configuration OK"
                : "configuration OK, with \(daemon.warnings.count) warning\(daemon.warnings.count == 1 ? "" : "s")"
            print("\(verdict)\n\(daemon.summary)")
            return
        }
        try await daemon.run()
    }
}
