import ArgumentParser
import ControlProtocol
import Foundation

/// `communecast health`: how the site is, at a glance.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Show the site's health: device, now playing, queue, volume, storage, clock."
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print the health report as JSON.")
    var json = false

    func run() async throws {
        if fleet.isActive {
            return try await FanOutReport.run("health", fleet: fleet, connection: connection, json: json,
                                              detail: Self.brief) { client, _ in
                try await client.call(Site.GetHealth.self, .init()).health
            }
        }
        let health = try await connection.withClient { try await $0.call(Site.GetHealth.self, .init()).health }
        if json { return try Terminal.printJSON(health) }
        let device = health.device
        var lines = [
            "site        \(health.site)\(health.commune.isEmpty ? "" : " (commune \(health.commune))"), "
                + "version \(health.version), up \(Terminal.clock(Double(health.uptimeS)))",
            "device      \(device.state.rawValue): \(device.name), \(device.underruns) underruns"
                + (device.lastError.map { "; last error: \($0)" } ?? ""),
        ]
        if let now = health.nowPlaying {
            lines.append("now playing \(now.name) [\(now.level.rawValue)] \(Terminal.clock(now.positionS)) / "
                         + "\(Terminal.clock(now.durationS)) from \(now.source)")
        } else {
            lines.append("now playing nothing")
        }
        lines.append("queue       " + (health.queue.isEmpty ? "empty"
            : health.queue.map { "\($0.name) [\($0.level.rawValue)]" }.joined(separator: ", ")))
        lines.append(String(format: "volume      %.1f dB (emergency %.1f dB), amplifier %@", health.volumeDb,
                            health.emergencyVolumeDb, health.amplifier.on ? "on" : "off")
                     + (health.amplifier.error.map { "; CANNOT SWITCH: \($0)" } ?? ""))
        lines.append("media       \(health.mediaCount) files, \(Terminal.bytes(health.mediaBytes)); "
                     + "\(Terminal.bytes(health.diskFreeBytes)) free; database \(health.databaseOk ? "ok" : "FAILED")")
        lines.append("clock       \(health.clockSynchronized ? "synchronised" : "NOT synchronised")"
                     + (health.temperatureC.map { String(format: ", %.1f °C", $0) } ?? ""))
        if let alert = health.lastAlert {
            lines.append("last alert  \(alert.id): \(alert.outcome.rawValue) at \(alert.at)")
        }
        for warning in health.scheduleWarnings ?? [] { lines.append("schedules   WARNING: \(warning)") }
        print(lines.joined(separator: "\n"))
    }

    /// `device ok, idle, clock synchronised` for a fan-out table.
    static func brief(_ health: Site.Health) -> String {
        var parts = ["device \(health.device.state.rawValue)"]
        if let error = health.device.lastError, health.device.state != .ok { parts.append(error) }
        parts.append(health.nowPlaying.map { "playing \($0.name) [\($0.level.rawValue)]" } ?? "idle")
        parts.append(health.clockSynchronized ? "clock synchronised" : "clock NOT synchronised")
        if !health.databaseOk { parts.append("database FAILED") }
        if let warnings = health.scheduleWarnings, !warnings.isEmpty {
            parts.append("\(warnings.count) schedule warning\(warnings.count == 1 ? "" : "s")")
        }
        return parts.joined(separator: ", ")
    }
}
