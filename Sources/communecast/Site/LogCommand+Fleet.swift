import ArgumentParser
import ControlProtocol
import Fleet

extension LogCommand {
    /// The log of every selected site: a table of sites (or `--json`, as `health --inventory`), or one CSV with a
    /// site column; the exit status says how many sites answered.
    func fanOut(_ parameters: Site.GetAsRunLog.Parameters) async throws {
        let call: @Sendable (VarlinkClient, Inventory.Site) async throws -> [Site.AsRunEntry] = { client, _ in
            try await client.call(Site.GetAsRunLog.self, parameters).entries
        }
        guard csv else {
            return try await FanOutReport.run("log", fleet: fleet, connection: connection, json: json,
                                              detail: Self.brief, operation: call)
        }
        let results = try await FanOutReport.results("log", fleet: fleet, connection: connection, operation: call)
        print((["site"] + Self.columns).joined(separator: ","))
        for result in results {
            for entry in result.value ?? [] {
                print(([result.site.name] + Self.row(entry)).map(Self.csvField).joined(separator: ","))
            }
        }
        for result in results where result.kind != .ok {
            Terminal.standardError("\(result.site.name): \(result.kind.rawValue): \(result.message ?? "")")
        }
        Terminal.standardError(FanOutReport.summary("log", results))
        try FanOutReport.exit(for: results.map(\.kind))
    }

    /// `12 entries: 10 aired, 2 missed` for a site's row.
    static func brief(_ entries: [Site.AsRunEntry]) -> String {
        guard !entries.isEmpty else { return "no entries" }
        let counts = Dictionary(grouping: entries, by: \.outcome.rawValue).map { ($0.key, $0.value.count) }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        return "\(entries.count) entr\(entries.count == 1 ? "y" : "ies"): "
            + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }
}
