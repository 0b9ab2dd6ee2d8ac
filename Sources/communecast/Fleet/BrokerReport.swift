import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import Uplink

/// The report of a command sent through the call-home broker (`--via`), in the fan-out's own form: a table with one
/// row per site and a summary line, or `--json`, and the exit status 0 (every site ok), 3 (some) or 1 (none).
enum BrokerReport {
    /// One site's result, also its `--json` object, with the keys of ``FanOutReport/Entry``.
    struct Row: Encodable {
        let site: String
        let commune: String
        let address: String
        let result: String
        let message: String?
        let seconds: Double
        let session: Int?
        /// The site's varlink reply: what a dialled site answered, or the reply of a signed call through the broker.
        var reply: JSONValue?
        /// How many times the site was dialled; `nil` through a broker (one publish, no retries).
        var attempts: Int?
        /// The kind, for the exit status.
        let kind: SiteResultKind

        /// Every key on every row (`null` when unknown), so a dialled row and one through a broker have one shape.
        func encode(to encoder: any Encoder) throws {
            try FanOutReport.encodeRow(to: encoder, site: site, commune: commune, address: address, result: result,
                                       state: nil, message: message, attempts: attempts, seconds: seconds,
                                       session: session, reply: reply)
        }

        /// A row; `status` is the site's latest retained status, if any.
        init(site: String, commune: String, kind: SiteResultKind, message: String?, seconds: Double,
             status: SiteStatus?) {
            self.init(site: site, commune: commune, address: status?.broker.map { "via \($0)" } ?? "via broker",
                      kind: kind, message: message, seconds: seconds, session: status?.session)
        }

        /// A row of any site, dialled (`address` is its address) or through a broker.
        init(site: String, commune: String, address: String, kind: SiteResultKind, message: String?,
             seconds: Double, session: Int? = nil) {
            self.site = site
            self.commune = commune
            self.address = address
            result = kind.rawValue
            self.message = message
            self.seconds = (seconds * 1_000).rounded() / 1_000
            self.session = session
            self.kind = kind
        }

        /// The row of a push's result.
        init(_ result: BrokerSiteResult, commune: String) {
            self.init(site: result.site.rawValue, commune: commune, kind: result.kind, message: result.message,
                      seconds: result.seconds, status: result.status)
        }
    }

    /// Prints `rows` for `what` (`alert send`) and exits with the fan-out's status.
    static func print(_ what: String, _ rows: [Row], json: Bool) throws {
        if json {
            try Terminal.printJSON(rows)
        } else {
            var table = Table("SITE", "COMMUNE", "ADDRESS", "RESULT", "DETAIL")
            for row in rows {
                table.add(row.site, row.commune.isEmpty ? "-" : row.commune, row.address, row.result,
                          row.message ?? "")
            }
            Swift.print(table.render())
            var counts: [String] = []
            for kind in SiteResultKind.allCases {
                let count = rows.filter { $0.kind == kind }.count
                if count > 0 { counts.append("\(count) \(kind.rawValue)") }
            }
            let slowest = rows.map(\.seconds).max() ?? 0
            Swift.print("\(what): \(rows.count) site\(rows.count == 1 ? "" : "s"): "
                        + counts.joined(separator: ", ") + String(format: " (slowest %.2f s)", slowest))
        }
        if rows.isEmpty { throw CLIError("\(what) --via: the broker knows no site; nothing to wait for") }
        try FanOutReport.exit(for: rows.map(\.kind))
    }

    /// `selected` (the inventory's selection), or every site the broker holds a status for (read with the marker
    /// that says every retained message has arrived, on `connection`, which must not have subscribed to the statuses
    /// yet), with the statuses read.
    static func sites(_ selected: [Inventory.Site]?, connection: BrokerConnection, timeout: Double) async throws
        -> (sites: [(name: Uplink.SiteName, commune: String)], statuses: [Uplink.SiteName: SiteStatus]) {
        let retained = try await BrokerCollector(connection: connection)
            .readRetained(sites: nil, timeout: .milliseconds(Int64(timeout * 1_000))).sites
        let statuses = retained.compactMapValues(\.status)
        guard let selected else {
            return (statuses.keys.sorted { $0.rawValue < $1.rawValue }.map { ($0, "") }, statuses)
        }
        let sites = try selected.map { site in
            do {
                return (name: try Uplink.SiteName(site.name), commune: site.commune)
            } catch {
                throw CLIError("inventory site '\(site.name)' cannot be a name on the broker: \(error)")
            }
        }
        return (sites, statuses)
    }
}
