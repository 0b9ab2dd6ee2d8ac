import ArgumentParser
import ControlProtocol
import Foundation
import ScheduleFormat
import Scheduling

/// `communecast schedule next`: when the programmes of a schedule file will air next.
struct ScheduleNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next occurrences of a schedule, in order, as ISO 8601 with offset, the lunar date "
            + "(âm lịch) and the programme id."
    )

    /// One occurrence for `--json`.
    struct Entry: Encodable {
        let id: String
        let start: String
        /// The local date in the Vietnamese lunar calendar, `10/3` or `15/6 nhuận`.
        let lunar: String?
    }

    @Argument(help: "A schedule YAML file.")
    var file: String

    @Option(help: "Only this programme.")
    var id: String?

    @Option(help: "Start from this ISO 8601 time (default: now).")
    var from: String?

    @Option(help: "How many occurrences (1-10000).")
    var count: Int = 10

    @Flag(help: "Print a JSON array of {\"id\", \"start\", \"lunar\"} objects.")
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
        let occurrences = try schedule.next(count: count, after: start.addingTimeInterval(-0.001), id: id)
        let zone = TimeZone(identifier: schedule.timezone) ?? .current
        let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone)
        let zoneOffsets = try schedule.zone()
        let entries = occurrences.map { occurrence in
            Entry(id: occurrence.programmeID, start: occurrence.start.formatted(style),
                  lunar: LunarCalendar.vietnam.date(of: zoneOffsets.localDate(of: occurrence.start))?.shortText)
        }
        if json { return try Terminal.printJSON(entries) }
        for entry in entries {
            print("\(entry.start)" + (entry.lunar.map { " (\($0) âm lịch)" } ?? "") + " \(entry.id)")
        }
    }
}
