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
            Problems exit 1. Warnings do not change the exit status. Each file is warned about (FILE:LINE: \
            warning: …) for a time of a programme that the file's quiet hours always silence, and a programme \
            whose until has passed or whose rule has no airings left; priority programmes are judged by \
            --priority-in-quiet-hours (default skip, the daemon's default). Files given together are also checked \
            as a site loads its schedules directory: a programme id used in two files, and programmes of the same \
            level that start at the same time, are printed as warnings naming both programmes and the first such \
            time. Without the site's media, check cannot know how long each airing lasts; the site reports longer \
            overlaps on schedule reload.
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
        var loaded: [(name: String, schedule: Schedule)] = []
        for file in files {
            do {
                let text = try YAMLFile.read(path: file)
                let schedule = try ScheduleFile.parse(text, file: file)
                loaded.append((file, schedule))
                let warnings = ScheduleFileWarnings.check(schedule, text: text, file: file, now: Date(),
                                                      priorityPolicy: priorityPolicy)
                for warning in warnings { Terminal.standardError(warning.warningDescription) }
                let count = schedule.programmes.count
                let warned = warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
                let texts = schedule.programmes.filter { $0.text != nil }.count
                let spoken = texts == 0 ? "" : ", \(texts) spoken from text"
                print("\(file): ok (\(count) programme\(count == 1 ? "" : "s")\(spoken), time zone "
                      + "\(schedule.timezone)\(warned))")
                for programme in schedule.programmes {
                    if let stream = programme.stream {
                        print("  \(programme.id): \(stream.name) for \(Terminal.clock(stream.duration))")
                    }
                    guard let text = programme.text else { continue }
                    print("  \(programme.id): text \"\(text.excerpt())\"" + (text.voice.map { ", voice \($0)" } ?? "")
                          + (text.rate.map { ", \($0) words/min" } ?? ""))
                }
            } catch let issues as YAMLIssues {
                failed = true
                for issue in issues.issues { Terminal.standardError(issue.description) }
            }
        }
        for warning in Self.warnings(for: loaded, now: Date()) { Terminal.standardError("warning: \(warning)") }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
