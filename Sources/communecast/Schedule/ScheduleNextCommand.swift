import ArgumentParser
import ControlProtocol
import Foundation
import ScheduleFormat
import Scheduling

extension QuietHoursPolicy: ExpressibleByArgument {}

/// `communecast schedule next`: when the programmes of a schedule file will air next, and which airings the file's
/// quiet hours will skip (decided by the gate the daemon applies at air time).
struct ScheduleNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next occurrences of a schedule, in order, as ISO 8601 with offset, the lunar date "
            + "(âm lịch) and the programme id.",
        discussion: """
            An occurrence inside the file's quiet hours is listed and marked "skipped (quiet hours …)": the site \
            will not air it. Normal programmes never air in quiet hours; priority ones follow the site's \
            schedules.priority_in_quiet_hours, given here with --priority-in-quiet-hours (default skip, the \
            daemon's default).
            """
    )

    /// One occurrence for `--json`.
    struct Entry: Encodable {
        let id: String
        let start: String
        /// The local date in the Vietnamese lunar calendar, `10/3` or `15/6 nhuận`.
        let lunar: String?
        /// Whether the site will air it (quiet hours permitting).
        let airs: Bool
        /// Why not, when it will not: `quiet hours 21:30–05:00`.
        let skipped: String?
        /// A text programme's first words.
        let text: String?
    }

    @Argument(help: "A schedule YAML file.")
    var file: String

    @Option(help: "Only this programme.")
    var id: String?

    @Option(help: "Start from this ISO 8601 time (default: now).")
    var from: String?

    @Option(help: "How many occurrences (1-10000).")
    var count: Int = 10

    @Option(name: .customLong("priority-in-quiet-hours"),
            help: "What the site does with priority programmes in quiet hours: skip (default) or play.")
    var priorityPolicy: QuietHoursPolicy = .skip

    @Flag(help: "Print a JSON array of {\"id\", \"start\", \"lunar\", \"airs\", \"skipped\", \"text\"} objects.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(count) else { throw ValidationError("--count must be 1 to 10000") }
        if let from, RFC3339.parse(from) == nil {
            throw ValidationError("--from must be an ISO 8601 time such as 2026-12-01T00:00:00+07:00")
        }
    }

    func run() throws {
        let schedule: Schedule
        do {
            schedule = try ScheduleFile.load(path: file)
        } catch {
            throw CLIError("\(error)")
        }
        if let id, schedule.programmes.first(where: { $0.id == id }) == nil {
            throw CLIError("'\(file)' has no programme '\(id)'")
        }
        let start = from.flatMap(RFC3339.parse) ?? Date()
        let airings = try schedule.preview(count: count, after: start.addingTimeInterval(-0.001), id: id,
                                           priorityPolicy: priorityPolicy)
        let zone = TimeZone(identifier: schedule.timezone) ?? .current
        let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone)
        let zoneOffsets = try schedule.zone()
        let spoken = Dictionary(schedule.programmes.compactMap { programme in
            programme.text.map { (programme.id, $0.excerpt()) }
        }, uniquingKeysWith: { first, _ in first })
        let entries = airings.map { airing in
            Entry(id: airing.occurrence.programmeID, start: airing.occurrence.start.formatted(style),
                  lunar: LunarCalendar.vietnam.date(of: zoneOffsets.localDate(of: airing.occurrence.start))?.shortText,
                  airs: airing.airs, skipped: airing.airs ? nil : schedule.quietHoursReason,
                  text: spoken[airing.occurrence.programmeID])
        }
        if json { return try Terminal.printJSON(entries) }
        for entry in entries {
            print("\(entry.start)" + (entry.lunar.map { " (\($0) âm lịch)" } ?? "") + " \(entry.id)"
                  + (entry.text.map { " text: \"\($0)\"" } ?? "") + (entry.skipped.map { " skipped (\($0))" } ?? ""))
        }
    }
}
