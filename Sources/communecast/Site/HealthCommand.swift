import ArgumentParser
import ControlProtocol
import Foundation

/// `communecast health`: how the site is, at a glance.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Show the site's health: device, now playing, queue, volume, storage, clock.",
        discussion: """
            With --inventory and a selection, every selected site is asked. With --via mqtts://HOST:PORT the call \
            goes to each site (the selection, else every site the broker knows) as a varlink call signed with \
            your certificate through the call-home broker; `fleet health --via` reads their retained health \
            instead, without any traffic to the sites.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @OptionGroup(title: "Call home") var broker: BrokerOptions

    @Flag(help: "Print the health report as JSON.")
    var json = false

    func run() async throws {
        if broker.isActive {
            return try await BrokerCalls.run("health", Site.GetHealth.self, .init(), broker: broker,
                                             connection: connection, fleet: fleet, json: json,
                                             replyKey: "health") { Self.brief($0.health) }
        }
        if fleet.isActive, let split = try MixedFanOut.Split(fleet) {
            let connection = connection
            return try await MixedFanOut.run(
                "health", split: split, fleet: fleet, connection: connection, office: broker.office, json: json,
                detail: Self.brief, direct: { client, _ in try await client.call(Site.GetHealth.self, .init()).health },
                brokered: { options, sites in
                    try await BrokerCalls.rows("health", Site.GetHealth.self, .init(), broker: options,
                                               connection: connection, selected: sites,
                                               replyKey: "health") { Self.brief($0.health) }
                }
            )
        }
        if fleet.isActive {
            return try await FanOutReport.run("health", fleet: fleet, connection: connection, json: json,
                                              detail: Self.brief, state: { $0.state.rawValue }) { client, _ in
                try await client.call(Site.GetHealth.self, .init()).health
            }
        }
        let health = try await connection.withClient { try await $0.call(Site.GetHealth.self, .init()).health }
        if json { return try Terminal.printJSON(health) }
        let device = health.device
        let problems = health.problems.map(\.text)
        var lines = [
            "site        \(health.site)\(health.commune.isEmpty ? "" : " (commune \(health.commune))"), "
                + "version \(health.version), up \(Terminal.clock(Double(health.uptimeS)))",
            "state       \(health.state.rawValue)" + (problems.isEmpty ? "" : ": \(problems.joined(separator: "; "))"),
            "device      \(device.state.rawValue): \(device.name), \(device.underruns) underruns"
                + (device.lastError.map { "; last error: \($0)" } ?? ""),
        ]
        if let now = health.nowPlaying {
            lines.append("now playing \(now.name) [\(now.level.rawValue)] \(Terminal.clock(now.positionS)) / "
                         + "\(Terminal.clock(now.durationS)) from \(now.source)")
            if let stream = now.stream {
                lines.append("stream      \(stream.state.rawValue) \(stream.source ?? "-"), buffer "
                             + String(format: "%.2f s", stream.bufferS) + ", \(stream.switches) switches"
                             + Self.correction(stream)
                             + (stream.lastFailure.map { "; last failure: \($0)" } ?? ""))
            }
        } else {
            lines.append("now playing nothing")
        }
        lines.append("queue       " + (health.queue.isEmpty ? "empty"
            : health.queue.map { "\($0.name) [\($0.level.rawValue)]" }.joined(separator: ", ")))
        lines.append(String(format: "volume      %.1f dB (emergency %.1f dB), amplifier %@", health.volumeDb,
                            health.emergencyVolumeDb, health.amplifier.on ? "on" : "off")
                     + (health.amplifier.error.map { "; CANNOT SWITCH: \($0)" } ?? ""))
        let files = health.mediaCount == 1 ? "1 file" : "\(health.mediaCount) files"
        lines.append("media       \(files), \(Terminal.bytes(health.mediaBytes)); "
                     + "\(Terminal.bytes(health.diskFreeBytes)) free; database \(health.databaseOk ? "ok" : "FAILED")")
        lines.append("clock       \(health.clockSynchronized ? "synchronised" : "NOT synchronised")"
                     + (health.temperatureC.map { String(format: ", %.1f °C", $0) } ?? ""))
        if let alert = health.lastAlert {
            lines.append("last alert  \(Self.describe(alert)) at \(alert.at)")
        }
        for warning in health.scheduleWarnings ?? [] { lines.append("schedules   WARNING: \(warning)") }
        print(lines.joined(separator: "\n"))
    }

    /// What makes the site not `ok`, then `device closed, idle, clock synchronised`, for a fan-out table.
    /// A relay's rate correction and underruns for the `stream` line: ", rate as sent", ", rate +120 ppm",
    /// ", 0.40 s underrun"; nothing for what an older site does not report.
    static func correction(_ stream: Site.Stream) -> String {
        var text = ""
        if let ppm = stream.rateAdjustmentPPM {
            text += ppm == 0 ? ", rate as sent" : ", rate \(ppm > 0 ? "+" : "")\(ppm) ppm"
        }
        if let underrun = stream.underrunS, underrun > 0 {
            text += String(format: ", %.2f s underrun", underrun)
        }
        return text
    }

    static func brief(_ health: Site.Health) -> String {
        var parts = health.problems.map(\.text)
        if health.device.state != .degraded { parts.append("device \(health.device.state.rawValue)") }
        parts.append(health.nowPlaying.map { "playing \($0.name) [\($0.level.rawValue)]" } ?? "idle")
        if health.clockSynchronized { parts.append("clock synchronised") }
        return parts.joined(separator: ", ")
    }

    /// An alert as `alert list` shows it, `ID cancelled 1/3`; a site older than the alert state says only how its
    /// last airing ended, `ID aired`.
    static func describe(_ alert: Site.AlertSummary) -> String {
        guard let state = alert.state else { return "\(alert.id) \(alert.outcome.rawValue)" }
        let count = alert.aired.map { aired in alert.repeat.map { " \(aired)/\($0)" } ?? " \(aired)" } ?? ""
        return "\(alert.id) \(state.rawValue)\(count)"
    }
}
