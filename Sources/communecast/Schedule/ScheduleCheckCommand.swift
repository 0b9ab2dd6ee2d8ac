import ArgumentParser
import ScheduleFormat
import YAMLSupport

/// `communecast schedule check`: validates schedule files locally, reporting every problem with file, line and key.
struct ScheduleCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate schedule files; every problem is reported with file, line and key."
    )

    @Argument(help: "Schedule YAML files.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one schedule file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let schedule = try ScheduleFile.load(path: file)
                let count = schedule.programmes.count
                print("\(file): ok (\(count) programme\(count == 1 ? "" : "s"), time zone \(schedule.timezone))")
            } catch let issues as YAMLIssues {
                failed = true
                for issue in issues.issues { Terminal.standardError(issue.description) }
            }
        }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
