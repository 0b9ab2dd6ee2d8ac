import ArgumentParser
import ControlProtocol
import Fleet
import Foundation

/// `communecast fleet …`: the province at a glance.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet", abstract: "Look at many sites at once through an inventory.",
        subcommands: [FleetHealthCommand.self]
    )
}

/// `communecast fleet health`: one row per site, for the morning check and for monitoring systems.
struct FleetHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Show every site's health: state, now playing, last alert, device errors, clock, last contact.",
        discussion: """
            Sites default to the whole inventory. A site is ok, warning (a clock not synchronised, an amplifier \
            relay that cannot be switched, schedule warnings) or degraded (a failing audio device or database), \
            as `health --inventory` calls it; an idle site whose device is closed until the next play is ok. Exit \
            status: 0 when every site answered and is ok, 3 when some are not, 1 when none answered. With \
            --nagios: one Nagios plugin line and the plugin exit codes (0 OK, 1 WARNING, 2 CRITICAL: a site \
            unreachable, refused or degraded, 3 UNKNOWN: the inventory cannot be read). The last successful contact \
            with each site is remembered in $XDG_CACHE_HOME/communecast/last-contact.json (default \
            ~/.cache/communecast).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Sites") var fleet: FleetOptions

    @Flag(help: "Print one Nagios plugin line and exit with the plugin's codes.")
    var nagios = false

    @Option(help: ArgumentHelp("Also write the results as a node-exporter textfile (written atomically).",
                               valueName: "file"))
    var prometheus: String?

    @Flag(help: "Print per-site results as JSON.")
    var json = false

    func validate() throws {
        if nagios, json { throw ValidationError("choose --nagios or --json, not both") }
        if fleet.inventoryPath == nil {
            throw ValidationError("fleet health needs --inventory FILE (or COMMUNECAST_INVENTORY)")
        }
    }

    func run() async throws {
        let started = Date()
        let results: [SiteResult<Site.Health>]
        do {
            results = try await FanOutReport.results("fleet health", fleet: fleet, connection: connection,
                                                     defaultAll: true) { client, _ in
                try await client.call(Site.GetHealth.self, .init()).health
            }
        } catch {
            if nagios {
                print("COMMUNECAST UNKNOWN - \(error)")
                throw ExitCode(3)
            }
            throw error
        }
        let sweep = Date().timeIntervalSince(started)
        var contacts = LastContact.load()
        for result in results where result.kind == .ok { contacts.seen(result.site.name, at: started) }
        contacts.save()
        let rows = results.map { FleetRow(result: $0, lastContact: contacts.date(of: $0.site.name), now: started) }
        if let prometheus { try FleetRow.writePrometheus(rows, sweepSeconds: sweep, to: prometheus) }
        if nagios { return try FleetRow.nagios(rows, sweepSeconds: sweep) }
        if json {
            try Terminal.printJSON(rows)
        } else {
            var table = Table("SITE", "COMMUNE", "STATE", "NOW PLAYING", "LAST ALERT", "DEVICE", "CLOCK",
                              "LAST CONTACT")
            for row in rows {
                table.add(row.site, row.commune.isEmpty ? "-" : row.commune, row.state, row.nowPlaying ?? "-",
                          row.lastAlert ?? "-", row.device ?? row.problem ?? "-",
                          row.clockSynchronized.map { $0 ? "synchronised" : "NOT synchronised" } ?? "-",
                          row.lastContact ?? "never")
            }
            print(table.render())
            let counts = Dictionary(grouping: rows, by: \.state).map { "\($0.value.count) \($0.key)" }.sorted()
            print("fleet health: \(rows.count) sites: \(counts.joined(separator: ", "))"
                  + String(format: " (sweep %.2f s)", sweep))
        }
        let healthy = rows.filter { $0.state == "ok" }.count
        if healthy == rows.count { return }
        throw ExitCode(results.allSatisfy { $0.kind != .ok } ? ExitStatus.failure : ExitStatus.partial)
    }
}

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
        site = result.site.name
        commune = result.site.commune
        address = result.site.address.description
        health = result.value
        problem = result.message
        self.lastContact = lastContact.map { Self.ago($0, now: now) }
        guard let health = result.value else {
            state = result.kind.rawValue
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

    /// Writes node-exporter textfile metrics atomically: a temporary file in the same directory, then rename.
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
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let temporary = "\(directory)/.\(URL(fileURLWithPath: path).lastPathComponent).\(getpid()).tmp"
        do {
            try text.write(toFile: temporary, atomically: false, encoding: .utf8)
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIError("cannot write \(path): \(reason)")
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("cannot write \(temporary): \(error.localizedDescription)")
        }
    }
}

/// When each site last answered, kept between runs so an unreachable site shows how long it has been silent.
struct LastContact {
    private var seen: [String: Double]
    private let path: String

    /// The cache file: `$XDG_CACHE_HOME/communecast/last-contact.json`, default `~/.cache/communecast/…`.
    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.cache"
        return "\(base)/communecast/last-contact.json"
    }

    /// Reads the cache; a missing or unreadable one starts empty.
    static func load(path: String = defaultPath) -> LastContact {
        let data = FileManager.default.contents(atPath: path)
        let seen = data.flatMap { try? JSONDecoder().decode([String: Double].self, from: $0) } ?? [:]
        return LastContact(seen: seen, path: path)
    }

    mutating func seen(_ site: String, at date: Date) { seen[site] = date.timeIntervalSince1970 }

    func date(of site: String) -> Date? { seen[site].map { Date(timeIntervalSince1970: $0) } }

    /// Writes the cache; failing to is not worth failing the command for.
    func save() {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(seen) else { return }
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
