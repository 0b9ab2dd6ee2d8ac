import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import Logging

/// Runs a site command on every selected site and reports it the same way for every command: a live progress line
/// on a terminal, a table with one row per site, a summary line, and the exit status 0 (every site succeeded),
/// 3 (some did not) or 1 (none did). `--json` prints the per-site results instead of the table.
enum FanOutReport {
    /// The keys of every fan-out's `--json` row, dialled, through a broker or both (`BrokerReport.Row`), each on
    /// every row, `null` where a row has no value, so one script reads them all.
    enum RowKey: String, CodingKey {
        case site, commune, address, result, state, message, attempts, seconds, session, reply
    }

    /// One site's result as `--json` prints it.
    struct Entry<Reply: Encodable>: Encodable {
        let site: String
        let commune: String
        let address: String
        let result: String
        /// For `health`, the site's health in one word (`Site.HealthState`), as `fleet health` calls it.
        let state: String?
        let message: String?
        let attempts: Int
        let seconds: Double
        let reply: Reply?

        /// Every key of ``RowKey``; `session` (a call-home site's) is always `null` for a dialled site.
        func encode(to encoder: any Encoder) throws {
            try FanOutReport.encodeRow(to: encoder, site: site, commune: commune, address: address, result: result,
                                       state: state, message: message, attempts: attempts, seconds: seconds,
                                       session: nil, reply: reply)
        }
    }

    /// Writes one `--json` row with every key of ``RowKey`` (`null` for a `nil`), for every kind of row.
    static func encodeRow<Reply: Encodable>(
        to encoder: any Encoder, site: String, commune: String, address: String, result: String, state: String?,
        message: String?, attempts: Int?, seconds: Double, session: Int?, reply: Reply?
    ) throws {
        var container = encoder.container(keyedBy: RowKey.self)
        try container.encode(site, forKey: .site)
        try container.encode(commune, forKey: .commune)
        try container.encode(address, forKey: .address)
        try container.encode(result, forKey: .result)
        try container.encode(state, forKey: .state)
        try container.encode(message, forKey: .message)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(session, forKey: .session)
        try container.encode(reply, forKey: .reply)
    }

    /// Fans `operation` out and reports; `detail` says in a few words what an `ok` site answered. With `state`,
    /// an answer is also classified (`ok`, `warning`, `degraded`): the RESULT column shows the class, and a site
    /// that answered but is not `ok` counts as not succeeding in the exit status.
    static func run<Value: Sendable & Encodable>(
        _ what: String, fleet: FleetOptions, connection: ConnectionOptions, json: Bool,
        detail: @escaping (Value) -> String, state: ((Value) -> String)? = nil,
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async throws {
        let results = try await results(what, fleet: fleet, connection: connection, operation: operation)
        let states = results.map { result in state.flatMap { result.value.map($0) } }
        if json {
            try Terminal.printJSON(zip(results, states).map { entry($0, state: $1) })
        } else {
            var table = Table("SITE", "COMMUNE", "ADDRESS", "RESULT", "DETAIL")
            for (result, state) in zip(results, states) {
                table.add(result.site.name, result.site.commune.isEmpty ? "-" : result.site.commune,
                          result.site.address.description, state ?? result.kind.rawValue,
                          result.value.map(detail) ?? result.message ?? "")
            }
            print(table.render())
            print(summary(what, results, states: states))
        }
        if states.contains(where: { $0 != nil && $0 != "ok" }), results.contains(where: { $0.kind == .ok }) {
            throw ExitCode(ExitStatus.partial)
        }
        try exit(for: results.map(\.kind))
    }

    /// Runs the fan-out with a progress line and returns the results, in inventory order.
    static func results<Value: Sendable>(
        _ what: String, fleet: FleetOptions, connection: ConnectionOptions, defaultAll: Bool = false,
        sites chosen: [Inventory.Site]? = nil,
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async throws -> [SiteResult<Value>] {
        let sites = try chosen ?? fleet.selectedSites(defaultAll: defaultAll)
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

    /// `100 sites: 97 ok, 1 refused, 2 unreachable` style summary; a site with a state (`health`) is counted
    /// under its state (`96 ok, 1 warning, …`).
    static func summary<Value>(_ what: String, _ results: [SiteResult<Value>], states: [String?] = []) -> String {
        let labels = results.enumerated().map { index, result in
            (index < states.count ? states[index] : nil) ?? result.kind.rawValue
        }
        var order: [String] = []
        for label in Site.HealthState.allCases.map(\.rawValue) + SiteResultKind.allCases.map(\.rawValue)
        where !order.contains(label) {
            order.append(label)
        }
        let counts = order.compactMap { label -> String? in
            let count = labels.filter { $0 == label }.count
            return count == 0 ? nil : "\(count) \(label)"
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

    private static func entry<Value: Encodable>(_ result: SiteResult<Value>, state: String?) -> Entry<Value> {
        Entry(site: result.site.name, commune: result.site.commune, address: result.site.address.description,
              result: result.kind.rawValue, state: state, message: result.message, attempts: result.attempts,
              seconds: (result.seconds * 1_000).rounded() / 1_000, reply: result.value)
    }
}
