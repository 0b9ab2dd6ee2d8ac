import ArgumentParser
import Foundation
import ScheduleFormat
import Scheduling
import YAMLSupport

/// `communecast schedule check`: validates schedule files locally, reporting every problem with file, line and key.
struct ScheduleCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate schedule files; every problem is reported with file, line and key.",
        discussion: """
            Files given together are also checked as a site loads its schedules directory: a programme id used in \
            two files, and programmes of the same level that start at the same time, are printed as warnings \
            naming both programmes and the first such time (the exit status stays 0). Without the site's media, \
            check cannot know how long each airing lasts; the site reports longer overlaps on schedule reload.
            """
    )

    @Argument(help: "Schedule YAML files.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one schedule file") }
    }

    func run() throws {
        var failed = false
        var loaded: [(name: String, schedule: Schedule)] = []
        for file in files {
            do {
                let schedule = try ScheduleFile.load(path: file)
                loaded.append((file, schedule))
                let count = schedule.programmes.count
                print("\(file): ok (\(count) programme\(count == 1 ? "" : "s"), time zone \(schedule.timezone))")
            } catch let issues as YAMLIssues {
                failed = true
                for issue in issues.issues { Terminal.standardError(issue.description) }
            }
        }
        for warning in Self.warnings(for: loaded, now: Date()) { Terminal.standardError("warning: \(warning)") }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
