import ControlProtocol
import Foundation

/// Everything the site knows about its own health, as one value: what `GetHealth` answers, what `health` and
/// `fleet health` classify, and what a site will publish to the province.
///
/// It is a plain value (Sendable, Codable) with no behaviour but its views, so it can be kept, compared, encoded
/// and sent anywhere. ``SiteHealth`` owns the live one and keeps it up to date from the events that change it.
struct HealthSnapshot: Sendable, Hashable, Codable {
    /// What the playout engine reports: the device, the item on air, the queue, the volumes and the amplifier.
    /// It changes with every period while something plays, so it is taken from the engine when asked for.
    struct Playout: Sendable, Hashable, Codable {
        /// The audio output device.
        var device: Site.Device
        /// The item on air, if any.
        var nowPlaying: Site.NowPlaying?
        /// Items waiting to play, next first.
        var queue: [Site.QueueItem]
        /// The normal playback volume.
        var volumeDB: Double
        /// The volume of emergency alerts.
        var emergencyVolumeDB: Double
        /// The amplifier relay.
        var amplifier: Site.Amplifier

        private enum CodingKeys: String, CodingKey {
            case device
            case nowPlaying = "now_playing"
            case queue
            case volumeDB = "volume_db"
            case emergencyVolumeDB = "emergency_volume_db"
            case amplifier
        }
    }

    /// The daemon's version.
    var version: String
    /// The site's name, from the configuration in force.
    var site: String
    /// The commune code, from the configuration in force.
    var commune: String
    /// When the daemon started.
    var startedAt: Date
    /// When this snapshot was taken.
    var takenAt: Date
    /// The playout engine's part.
    var playout: Playout
    /// How many media files are stored.
    var mediaCount: Int
    /// How many bytes they take.
    var mediaBytes: Int
    /// Free bytes on the file system of the state directory.
    var diskFreeBytes: Int
    /// Whether the database passed its integrity check at start-up.
    var databaseOK: Bool
    /// Whether the system clock is synchronised.
    var clockSynchronized: Bool
    /// The board temperature, where the hardware reports it.
    var temperatureC: Double?
    /// The most recent alert and how it stands, as `ListAlerts` shows it.
    var lastAlert: Site.AlertSummary?
    /// Why schedules in force will not air as written: media not stored, same-level clashes.
    var scheduleWarnings: [String]
    /// Signed alerts refused as equivocations since start, newest last.
    var alertAlarms: [String]?

    /// Whole seconds from `start` to `end`, never negative (the wall clock may have been stepped back).
    static func uptime(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start)))
    }

    /// The `GetHealth` reply.
    var health: Site.Health {
        Site.Health(
            version: version, uptimeS: Self.uptime(from: startedAt, to: takenAt), site: site,
            commune: commune, device: playout.device, nowPlaying: playout.nowPlaying, queue: playout.queue,
            volumeDb: playout.volumeDB, emergencyVolumeDb: playout.emergencyVolumeDB, amplifier: playout.amplifier,
            mediaCount: mediaCount, mediaBytes: mediaBytes, diskFreeBytes: diskFreeBytes, databaseOk: databaseOK,
            clockSynchronized: clockSynchronized, lastAlert: lastAlert, temperatureC: temperatureC,
            scheduleWarnings: scheduleWarnings, alertAlarms: alertAlarms
        )
    }

    /// The site's health in one word, as every client classifies it.
    var state: Site.HealthState {
        health.state
    }

    private enum CodingKeys: String, CodingKey {
        case version
        case site
        case commune
        case startedAt = "started_at"
        case takenAt = "taken_at"
        case playout
        case mediaCount = "media_count"
        case mediaBytes = "media_bytes"
        case diskFreeBytes = "disk_free_bytes"
        case databaseOK = "database_ok"
        case clockSynchronized = "clock_synchronized"
        case temperatureC = "temperature_c"
        case lastAlert = "last_alert"
        case scheduleWarnings = "schedule_warnings"
        case alertAlarms = "alert_alarms"
    }
}
