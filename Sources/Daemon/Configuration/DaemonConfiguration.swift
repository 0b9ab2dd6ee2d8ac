import Foundation
import Store
import YAMLSupport

/// Everything `communecastd` can be configured with. Every key has a default, so the daemon starts with no
/// configuration file at all (DESIGN §1, "the embedded default"). Validated once at start-up; problems name the
/// file, the line and the key.
public struct DaemonConfiguration: Sendable, Equatable {
    /// Site identity, reported in health.
    public var siteName = "communecast-site"
    /// Commune administrative code.
    public var communeCode = ""
    /// IANA time zone for schedules and logs.
    public var timeZone = "Asia/Ho_Chi_Minh"
    /// Hardware profile: a name under the profiles directory, or a path to a YAML file.
    public var hardwareProfile = "virtual"
    /// Where the daemon keeps its database and media; nil means the platform default.
    public var stateDirectory: String?
    /// The control socket; nil means the platform default.
    public var socketPath: String?
    /// Loudness every upload is normalised to.
    public var targetLUFS = -16.0
    /// Opus bitrate for uploads, kb/s.
    public var bitrateKbps = 24
    /// Normal volume at start, dB (SetVolume changes it and the change is remembered).
    public var volumeDB: Double?
    /// Largest media upload accepted, bytes of decoded base64.
    public var maxUploadBytes = 12 * 1_024 * 1_024
    /// The most memory encoding one upload sent as is may take, bytes: by default half the device's physical memory
    /// (see `MediaEncoder.bytesPerFrame` for what a signal needs). Text the site speaks is bounded by its length.
    public var maxEncodeMemoryBytes = PlatformDefaults.encodeMemoryBytes()
    /// Most simultaneous connections on the Unix control socket (TLS clients have budgets of their own).
    public var maxConnections = 64
    /// Seconds a silent connection stays open.
    public var idleTimeoutSeconds = 60.0
    /// The TLS connection budgets and the message arrival bounds (the other keys of `limits:`).
    public var connectionLimits = ConnectionLimits()
    /// Seconds between attempts to reopen a failed audio device.
    public var deviceRetrySeconds = 5.0
    /// The directory of schedule files (`*.yaml`); nil means the platform default.
    public var schedulesDirectory: String?
    /// Whether priority programmes play during quiet hours (`play`) or are skipped like normal ones (`skip`).
    public var priorityInQuietHours = "skip"
    /// How many programmes a schedule and the whole site may hold (`schedules.max_programmes_per_*`).
    public var scheduleLimits = ScheduleLimits()
    /// How long and how much of the audit log is kept (`audit:`).
    public var auditRetention = AuditRetention()
    /// The TLS listener for remote control (`tls:`); off unless `tls.listen` is set.
    public var tls = TLSSettings()
    /// Signed alerts and the transitional rule for unsigned ones (`alerts:`).
    public var alerts = AlertSettings()
    /// The call-home uplink to the province's MQTT broker (`uplink:`); off unless `uplink.brokers` is set.
    public var uplink = UplinkSettings()
    /// How streams are relayed (issue 18).
    public var streams = StreamSettings()

    /// The defaults.
    public init() {}

    /// Reads and validates a configuration file, reporting every problem at once.
    public static func load(path: String) throws -> DaemonConfiguration {
        try parse(try YAMLFile.read(path: path), file: path)
    }

    /// Validates configuration text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> DaemonConfiguration {
        let collector = YAMLCollector()
        let configuration = read(text, file: file, collector: collector).configuration
        try collector.throwIfAny()
        return configuration
    }

    /// Reads configuration text, recording problems and warnings in `collector`; `lines` gives the line of each key
    /// the checks that also need the hardware profile point at (`hardware_profile`, `audio.volume_db`).
    static func read(
        _ text: String, file: String, collector: YAMLCollector
    ) -> (configuration: DaemonConfiguration, lines: [String: Int]) {
        let root = YAMLMap.parse(text, file: file, collector: collector)
        var configuration = DaemonConfiguration()
        let site = root.map("site")
        configuration.siteName = site.string("name", default: configuration.siteName)
        configuration.communeCode = site.string("commune_code", default: "")
        configuration.timeZone = site.string("timezone", default: configuration.timeZone)
        if TimeZone(identifier: configuration.timeZone) == nil {
            site.report("timezone", "'\(configuration.timeZone)' is not an IANA time zone such as Asia/Ho_Chi_Minh",
                        at: site.node("timezone"))
        }
        site.finish()
        configuration.hardwareProfile = root.string("hardware_profile", default: configuration.hardwareProfile)
        configuration.stateDirectory = root.string("state_dir")
        configuration.socketPath = root.string("socket")
        let paths = [("state_dir", configuration.stateDirectory, "/var/lib/communecast"),
                     ("socket", configuration.socketPath, "/run/communecast/control.sock")]
        for (key, value, example) in paths {
            guard let value, !value.hasPrefix("/") else { continue }
            root.report(key, "'\(value)' is a relative path; the daemon's working directory is / under systemd, so "
                        + "give an absolute path such as \(example)", at: root.node(key))
        }
        let audio = root.map("audio")
        configuration.targetLUFS = audio.double("target_lufs", default: -16, in: -40 ... -5, unit: "LUFS")
        configuration.bitrateKbps = audio.int("bitrate_kbps", default: 24, in: 6...256, unit: "kb/s")
        if audio.node("volume_db") != nil {
            configuration.volumeDB = audio.double("volume_db", default: 0, in: -60...12, unit: "dB")
        }
        configuration.deviceRetrySeconds = audio.double("device_retry_s", default: 5, in: 0.5...300, unit: "seconds")
        audio.finish()
        let schedules = root.map("schedules")
        configuration.schedulesDirectory = schedules.string("directory")
        if let directory = configuration.schedulesDirectory, !Self.isDirectory(directory) {
            schedules.warn("directory", "\(directory) does not exist (or is not a directory); the site runs no "
                           + "schedule files until it does", at: schedules.node("directory"))
        }
        configuration.priorityInQuietHours = schedules.choice("priority_in_quiet_hours", default: "skip",
                                                              from: ["skip", "play"])
        configuration.scheduleLimits.programmesPerSchedule = schedules.int(
            "max_programmes_per_schedule", default: ScheduleLimits.defaultProgrammesPerSchedule, in: 1...100_000,
            unit: "programmes"
        )
        configuration.scheduleLimits.programmesPerSite = schedules.int(
            "max_programmes_per_site", default: ScheduleLimits.defaultProgrammesPerSite, in: 1...1_000_000,
            unit: "programmes"
        )
        schedules.finish()
        configuration.auditRetention = AuditRetention.parse(root.map("audit"))
        let limits = root.map("limits")
        configuration.maxUploadBytes = limits.int("max_upload_bytes", default: configuration.maxUploadBytes,
                                                  in: 1_024...(12 * 1_024 * 1_024), unit: "bytes")
        configuration.maxEncodeMemoryBytes = limits.int(
            "max_encode_memory_bytes", default: configuration.maxEncodeMemoryBytes,
            in: (16 * 1_024 * 1_024)...(1 << 40), unit: "bytes"
        )
        configuration.maxConnections = limits.int("max_connections", default: 64, in: 1...4_096, unit: "connections")
        configuration.idleTimeoutSeconds = limits.double("idle_timeout_s", default: 60, in: 0.1...86_400,
                                                         unit: "seconds")
        configuration.connectionLimits = ConnectionLimits.parse(limits)
        limits.finish()
        configuration.tls = TLSSettings.parse(
            root.map("tls"), directory: URL(fileURLWithPath: file).deletingLastPathComponent().path
        )
        configuration.alerts = AlertSettings.parse(
            root.map("alerts"), directory: URL(fileURLWithPath: file).deletingLastPathComponent().path
        )
        configuration.uplink = UplinkSettings.parse(
            root.map("uplink"), directory: URL(fileURLWithPath: file).deletingLastPathComponent().path,
            siteName: configuration.siteName
        )
        configuration.streams = StreamSettings.parse(
            root.map("streams"), directory: URL(fileURLWithPath: file).deletingLastPathComponent().path
        )
        root.finish()
        var lines: [String: Int] = [:]
        lines["hardware_profile"] = root.node("hardware_profile") == nil ? nil : root.line(of: "hardware_profile")
        lines["audio.volume_db"] = audio.node("volume_db") == nil ? nil : audio.line(of: "volume_db")
        return (configuration, lines)
    }

    /// Whether `path` is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
