import ArgumentParser
import ControlProtocol
import Scheduling

/// `communecast log`: the as-run log, what actually aired.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show the as-run log: what was planned, what aired, and why not.",
        discussion: """
            With --inventory and --site, --tag or --all, the log of each selected site: one row per site with its \
            entries counted by outcome, --json with every entry under each site's reply, or --csv with a site column.
            """
    )

    @Option(help: "From this RFC 3339 time.")
    var since: String?

    @Option(help: "Until this RFC 3339 time.")
    var until: String?

    @Option(help: "One local day on the site, YYYY-MM-DD, today or yesterday: planned against aired for that day.")
    var day: String?

    @Option(help: "At most this many entries (1-10000).")
    var limit: Int = 100

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print as JSON.")
    var json = false

    @Flag(help: "Print as CSV.")
    var csv = false

    func validate() throws {
        guard !(json && csv) else { throw ValidationError("choose --json or --csv, not both") }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
        if let day {
            guard since == nil, until == nil else { throw ValidationError("give --day, or --since/--until, not both") }
            if day == "today" || day == "yesterday" { return }
            // A date that exists (not 2026-13-01 or 2026-02-30), so the site is not asked about it.
            guard day.count == 10, LocalDate(day) != nil else {
                throw ValidationError(
                    "--day: '\(day)' is not a date; give one such as 2026-12-01, today or yesterday"
                )
            }
        }
    }

    /// The CSV columns, in the order ``row(_:)`` gives them.
    static let columns = ["id", "planned", "started", "ended", "level", "media", "source", "outcome", "status",
                          "reason", "programme", "signed_by", "cap_source"]

    func run() async throws {
        let parameters = Site.GetAsRunLog.Parameters(since: since, until: until, limit: day == nil ? limit : nil,
                                                     day: day)
        if fleet.isActive { return try await fanOut(parameters) }
        let entries = try await connection.withClient { try await $0.call(Site.GetAsRunLog.self, parameters).entries }
        if json { return try Terminal.printJSON(entries) }
        let rows = entries.map(Self.row)
        if csv {
            print(Self.columns.joined(separator: ","))
            for row in rows { print(row.map(Self.csvField).joined(separator: ",")) }
            return
        }
        // The site's offset goes in the headers once, when every time shares it, else with each time.
        let times = rows.flatMap { [$0[1], $0[2], $0[3]] }.filter { !$0.isEmpty }
        let offsets = Set(times.map(Self.offset))
        let shared = offsets.count == 1 ? offsets.first : nil
        let zone = shared.map { " (\($0))" } ?? ""
        var table = Table("PLANNED\(zone)", "STARTED\(zone)", "ENDED\(zone)", "LEVEL", "MEDIA", "SOURCE", "OUTCOME",
                          "REASON")
        for row in rows {
            let cells = [row[1], row[2], row[3]].map { Self.short($0, withOffset: shared == nil) }
            let cap = row[12].isEmpty ? "" : "CAP \(row[12])"
            let reason = [row[9], row[11], cap].filter { !$0.isEmpty }.joined(separator: "; ")
            table.add(cells: cells + [row[4], row[5], row[6], row[7], reason])
        }
        print(table.isEmpty ? "no entries" : table.render())
    }

    /// One entry's fields in the order of ``columns``; a value a newer site added is shown as it came.
    static func row(_ entry: Site.AsRunEntry) -> [String] {
        ["\(entry.id)", entry.planned ?? "", entry.started ?? "", entry.ended ?? "", entry.level.rawValue,
         entry.media ?? "", entry.source, entry.outcome.rawValue, entry.status?.rawValue ?? "", entry.reason ?? "",
         entry.programme ?? "", entry.signedBy ?? "", entry.capSource ?? ""]
    }

    /// `2026-12-01 05:30:00.012` from an RFC 3339 time, for the table (JSON and CSV keep the full form); with
    /// `withOffset`, followed by its offset (`+07:00`).
    static func short(_ time: String, withOffset: Bool = false) -> String {
        guard time.count >= 23 else { return time.isEmpty ? "-" : time }
        return time.prefix(10) + " " + time.dropFirst(11).prefix(12) + (withOffset ? " " + offset(time) : "")
    }

    /// The offset an RFC 3339 time ends with: `+07:00`, or `Z` for UTC.
    static func offset(_ time: String) -> String {
        if time.hasSuffix("Z") { return "Z" }
        return String(time.suffix(6))
    }

    /// RFC 4180 quoting.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
