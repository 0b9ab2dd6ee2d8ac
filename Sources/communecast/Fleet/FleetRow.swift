import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import HostSystem

/// One site's line of `fleet health`, also its `--json` object (snake_case keys, like every other `--json`).
struct FleetRow: Encodable {
    let site: String
    let commune: String
    let address: String
    /// ok, warning, degraded (`Site.HealthState`), or how the contact failed (unreachable, refused, timed out, error).
    let state: String
    /// Why the site is not `ok`, from `Site.Health.problems`.
    let problems: [String]?
    let nowPlaying: String?
    let lastAlert: String?
    let device: String?
    let deviceState: String?
    let underruns: Int?
    let clockSynchronized: Bool?
    let lastContact: String?
    let problem: String?
    let health: Site.Health?

    private enum CodingKeys: String, CodingKey {
        case site, commune, address, state, problems
        case nowPlaying = "now_playing"
        case lastAlert = "last_alert"
        case device
        case deviceState = "device_state"
        case underruns
        case clockSynchronized = "clock_synchronized"
        case lastContact = "last_contact"
        case problem, health
    }

    init(result: SiteResult<Site.Health>, lastContact: Date?, now: Date) {
        self.init(site: result.site.name, commune: result.site.commune, address: result.site.address.description,
                  kind: result.kind, message: result.message, health: result.value, lastContact: lastContact,
                  now: now)
    }

    /// A row from its parts: `health` when the site's health is known, else `kind` and `message` say why not
    /// (`fleet health --via` builds rows from the broker's retained messages this way).
    init(site: String, commune: String, address: String, kind: SiteResultKind, message: String?,
         health: Site.Health?, lastContact: Date?, now: Date) {
        self.site = site
        self.commune = commune
        self.address = address
        self.health = health
        problem = message
        self.lastContact = lastContact.map { Self.ago($0, now: now) }
        guard let health else {
            state = kind.rawValue
            problems = nil
            nowPlaying = nil
            lastAlert = nil
            device = nil
            deviceState = nil
            underruns = nil
            clockSynchronized = nil
            return
        }
        state = health.state.rawValue
        problems = health.problems.map(\.text)
        nowPlaying = health.nowPlaying.map { "\($0.name) [\($0.level.rawValue)]" }
        lastAlert = health.lastAlert.map(HealthCommand.describe)
        deviceState = health.device.state.rawValue
        underruns = health.device.underruns
        var device = "\(health.device.state.rawValue), \(health.device.underruns) underruns"
        if let error = health.device.lastError { device += ", \(error)" }
        if !health.databaseOk { device += ", database FAILED" }
        self.device = device
        clockSynchronized = health.clockSynchronized
    }

    /// `now`, `5 min ago`, `3 h ago`, `2 d ago`.
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = max(0, now.timeIntervalSince(date))
        if seconds < 60 { return "now" }
        if seconds < 3_600 { return "\(Int(seconds / 60)) min ago" }
        if seconds < 86_400 { return "\(Int(seconds / 3_600)) h ago" }
        return "\(Int(seconds / 86_400)) d ago"
    }

    /// Prints one Nagios plugin line and exits with the plugin code.
    static func nagios(_ rows: [FleetRow], sweepSeconds: Double) throws {
        let unreachable = rows.filter { $0.health == nil }
        let degraded = rows.filter { $0.state == "degraded" }
        let warning = rows.filter { $0.state == "warning" }
        func names(_ rows: [FleetRow]) -> String {
            let shown = rows.prefix(10).map(\.site).joined(separator: ", ")
            return rows.count > 10 ? shown + ", …" : shown
        }
        var problems: [String] = []
        if !unreachable.isEmpty { problems.append("\(unreachable.count) not answering (\(names(unreachable)))") }
        if !degraded.isEmpty { problems.append("\(degraded.count) degraded (\(names(degraded)))") }
        if !warning.isEmpty { problems.append("\(warning.count) warning (\(names(warning)))") }
        let code: Int32 = !unreachable.isEmpty || !degraded.isEmpty ? 2 : (warning.isEmpty ? 0 : 1)
        let label = ["OK", "WARNING", "CRITICAL"][Int(code)]
        let ok = rows.count - unreachable.count - degraded.count - warning.count
        let summary = problems.isEmpty ? "all \(rows.count) sites healthy" : problems.joined(separator: "; ")
        print("COMMUNECAST \(label) - \(summary) | sites=\(rows.count) ok=\(ok) warning=\(warning.count) "
              + "degraded=\(degraded.count) unreachable=\(unreachable.count) "
              + String(format: "sweep=%.3fs", sweepSeconds))
        if code != 0 { throw ExitCode(code) }
    }

    /// Writes node-exporter textfile metrics atomically (``AtomicFileWriter``), so the exporter never reads a part.
    static func writePrometheus(_ rows: [FleetRow], sweepSeconds: Double, to path: String) throws {
        func labels(_ row: FleetRow) -> String {
            func escape(_ text: String) -> String {
                text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    .replacingOccurrences(of: "\n", with: "\\n")
            }
            return "{site=\"\(escape(row.site))\",commune=\"\(escape(row.commune))\"}"
        }
        var text = """
            # HELP communecast_site_up Whether the site answered the health call (1) or not (0).
            # TYPE communecast_site_up gauge

            """
        for row in rows { text += "communecast_site_up\(labels(row)) \(row.health == nil ? 0 : 1)\n" }
        let gauges: [(String, String, (Site.Health) -> Double)] = [
            ("state", "The site's health: 0 ok, 1 warning, 2 degraded (as fleet health and health --inventory say).",
             { Double(Site.HealthState.allCases.firstIndex(of: $0.state) ?? 0) }),
            ("device_ok", "Whether the audio device works (1): open, or closed while idle; 0 while it is degraded.",
             { $0.device.state == .degraded ? 0 : 1 }),
            ("underruns_total", "Audio underruns recovered since the daemon started.", { Double($0.device.underruns) }),
            ("clock_synchronized", "Whether the site's clock is synchronised (1).", { $0.clockSynchronized ? 1 : 0 }),
            ("database_ok", "Whether the site's database passed its integrity check (1).", { $0.databaseOk ? 1 : 0 }),
            ("playing", "Whether something is on air (1).", { $0.nowPlaying == nil ? 0 : 1 }),
            ("uptime_seconds", "Seconds since the daemon started.", { Double($0.uptimeS) }),
            ("disk_free_bytes", "Free bytes in the site's state directory.", { Double($0.diskFreeBytes) }),
        ]
        for (name, help, value) in gauges {
            let kind = name.hasSuffix("_total") ? "counter" : "gauge"
            text += "# HELP communecast_site_\(name) \(help)\n# TYPE communecast_site_\(name) \(kind)\n"
            for row in rows {
                guard let health = row.health else { continue }
                text += "communecast_site_\(name)\(labels(row)) \(value(health))\n"
            }
        }
        text += """
            # HELP communecast_fleet_sweep_seconds How long the health sweep of every site took.
            # TYPE communecast_fleet_sweep_seconds gauge
            communecast_fleet_sweep_seconds \(String(format: "%.3f", sweepSeconds))

            """
        do {
            try AtomicFileWriter.write(Array(text.utf8), to: path, replace: true)
        } catch {
            throw CLIError("\(error)")
        }
    }
}
