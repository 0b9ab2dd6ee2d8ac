import ArgumentParser
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The command-line tool for commune operators and provincial staff.
@main
struct CommuneCast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communecast",
        abstract: "Schedule, play and inspect broadcasts for CommuneCast public-address sites.",
        discussion: """
            Exit status: 0 success, 1 failure, 2 usage error, 3 partial success (some sites failed), \
            130 interrupted.
            """,
        version: CommuneCastVersion.current,
        subcommands: [
            HealthCommand.self, MediaCommand.self, PlayCommand.self, AlertCommand.self, ScheduleCommand.self,
            LogCommand.self, MonitorCommand.self, VolumeCommand.self, StopCommand.self, FleetCommand.self,
            HardwareCommand.self, CalendarCommand.self, CAPCommand.self, LiveCommand.self,
        ]
    )

    /// Runs the tool with exit codes that mean something (STYLE: 0 ok, 1 failure, 2 usage, 3 partial): the argument
    /// parser's own usage failures exit 2 rather than its default 64. The arguments come from ``ProcessArguments``,
    /// so they are parsed even when the Swift runtime lost them.
    static func main() async {
        do {
            var command = try parseAsRoot(Array(ProcessArguments.all.dropFirst()))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            if code == .validationFailure {
                Terminal.standardError(fullMessage(for: error))
                Glibc.exit(ExitStatus.usage)
            }
            Terminal.standardError("communecast: error: \(error)")
            Glibc.exit(code.rawValue == 0 ? ExitStatus.failure : code.rawValue)
        }
    }
}
