import ArgumentParser
import Fleet
import Foundation
import Logging

/// Runs a site command on every selected site and reports it the same way for every command: a live progress line
/// on a terminal, a table with one row per site, a summary line, and the exit status 0 (every site succeeded),
/// 3 (some did not) or 1 (none did). `--json` prints the per-site results instead of the table.
enum FanOutReport {
    /// One site's result as `--json` prints it.
    struct Entry<Reply: Encodable>: Encodable {
        let site: String
        let commune: String
        let address: String
        let result: String
        let message: String?
        let attempts: Int
        let seconds: Double
        let reply: Reply?
    }

    /// Fans `operation` out and reports; `detail` says in a few words what an `ok` site answered.
    static func run<Value: Sendable & Encodable>(
        _ what: String, fleet: FleetOptions, connection: ConnectionOptions, json: Bool,
        detail: @escaping (Value) -> String,
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async throws {
        let results = try await results(what, fleet: fleet, connection: connection, operation: operation)
        if json {
            try Terminal.printJSON(results.map(entry))
        } else {
            var table = Table("SITE", "COMMUNE", "ADDRESS", "RESULT", "DETAIL")
            for result in results {
                table.add(result.site.name, result.site.commune.isEmpty ? "-" : result.site.commune,
                          result.site.address.description, result.kind.rawValue,
                          result.value.map(detail) ?? result.message ?? "")
            }
            print(table.render())
            print(summary(what, results))
        }
        try exit(for: results.map(\.kind))
    }

    /// Runs the fan-out with a progress line and returns the results, in inventory order.
    static func results<Value: Sendable>(
        _ what: String, fleet: FleetOptions, connection: ConnectionOptions, defaultAll: Bool = false,
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async throws -> [SiteResult<Value>] {
        let sites = try fleet.selectedSites(defaultAll: defaultAll)
        var logger = Logger(label: "communecast")
        logger.logLevel = .critical
        let runner = FanOut(concurrency: fleet.concurrency, timeout: .milliseconds(Int64(connection.timeout * 1_000)),
                            logger: logger)
        let total = sites.count
        Terminal.progress("\(what): 0/\(total) sites")
        let results = await runner.run(sites, progress: { done, kinds in
            let failed = kinds.filter { $0 != .ok }.count
            Terminal.progress("\(what): \(done)/\(total) sites, \(done - failed) ok, \(failed) not")
        }, operation: operation)
        Terminal.endProgress()
        return results
    }

    /// `100 sites: 97 ok, 1 refused, 2 unreachable` style summary.
    static func summary<Value>(_ what: String, _ results: [SiteResult<Value>]) -> String {
        let counts = SiteResultKind.allCases.compactMap { kind -> String? in
            let count = results.filter { $0.kind == kind }.count
            return count == 0 ? nil : "\(count) \(kind.rawValue)"
        }
        let slowest = results.map(\.seconds).max() ?? 0
        return "\(what): \(results.count) site\(results.count == 1 ? "" : "s"): \(counts.joined(separator: ", "))"
            + String(format: " (slowest %.2f s)", slowest)
    }

    /// 0 when every site succeeded, 3 when some did, 1 when none did.
    static func exit(for kinds: [SiteResultKind]) throws {
        let ok = kinds.filter { $0 == .ok }.count
        if ok == kinds.count { return }
        throw ExitCode(ok == 0 ? ExitStatus.failure : ExitStatus.partial)
    }

    private static func entry<Value: Encodable>(_ result: SiteResult<Value>) -> Entry<Value> {
        Entry(site: result.site.name, commune: result.site.commune, address: result.site.address.description,
              result: result.kind.rawValue, message: result.message, attempts: result.attempts,
              seconds: (result.seconds * 1_000).rounded() / 1_000, reply: result.value)
    }
}
