import ArgumentParser
import Foundation
import ScheduleFormat
import Scheduling
import YAMLSupport

/// `communecast schedule check`: validates schedule files locally, reporting every problem with file, line and key,
/// and warning about what is legal but will not air: programmes quiet hours always silence, and ended programmes.
struct ScheduleCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate schedule files; every problem is reported with file, line and key.",
        discussion: """
            Problems exit 1. Warnings (FILE:LINE: warning: …) do not: a time of a programme that the file's quiet \
            hours always silence, and a programme whose until has passed or whose rule has no airings left. \
            Priority programmes are judged by --priority-in-quiet-hours (default skip, the daemon's default).
            """
    )

    @Argument(help: "Schedule YAML files.")
    var files: [String]

    @Option(name: .customLong("priority-in-quiet-hours"),
            help: "What the site does with priority programmes in quiet hours: skip (default) or play.")
    var priorityPolicy: QuietHoursPolicy = .skip

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one schedule file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let text = try YAMLFile.read(path: file)
                let schedule = try ScheduleFile.parse(text, file: file)
                let warnings = ScheduleWarnings.check(schedule, text: text, file: file, now: Date(),
                                                      priorityPolicy: priorityPolicy)
                for warning in warnings { Terminal.standardError(warning.warningDescription) }
                let count = schedule.programmes.count
                let warned = warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
                print("\(file): ok (\(count) programme\(count == 1 ? "" : "s"), time zone \(schedule.timezone)"
                      + "\(warned))")
            } catch let issues as YAMLIssues {
                failed = true
                for issue in issues.issues { Terminal.standardError(issue.description) }
            }
        }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
