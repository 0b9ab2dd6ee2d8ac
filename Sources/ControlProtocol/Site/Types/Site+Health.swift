extension Site {
    /// Everything an operator or monitoring needs to know about a site at a glance.
    public struct Health: Codable, Sendable, Hashable {
        /// The daemon version.
        public var version: String
        /// Seconds since the daemon started.
        public var uptimeS: Int
        /// The site's name.
        public var site: String
        /// The commune code.
        public var commune: String
        /// The audio output device.
        public var device: Site.Device
        /// The item on air, if any.
        public var nowPlaying: Site.NowPlaying?
        /// Items waiting to play, next first.
        public var queue: [Site.QueueItem]
        /// The normal playback volume.
        public var volumeDb: Double
        /// The volume for emergency alerts.
        public var emergencyVolumeDb: Double
        /// The amplifier relay.
        public var amplifier: Site.Amplifier
        /// How many media files are stored.
        public var mediaCount: Int
        /// How many bytes they take.
        public var mediaBytes: Int
        /// Free bytes on the state file system.
        public var diskFreeBytes: Int
        /// Whether the state database answers.
        public var databaseOk: Bool
        /// Whether the system clock is synchronised.
        public var clockSynchronized: Bool
        /// The most recent alert, if any.
        public var lastAlert: Site.AlertSummary?
        /// The board temperature, where the hardware reports it.
        public var temperatureC: Double?
        /// Why programmes in force will not air as written (media not stored, same-level clashes); `nil` from a
        /// site older than this field.
        public var scheduleWarnings: [String]?
        /// Signed alerts the site refused as equivocations (the same issuer and id with other content: one of the
        /// two is a forgery or a serious mistake), since it started; `nil` from a site older than this field.
        public var alertAlarms: [String]?

        /// Creates the value; optional fields default to `nil`.
        public init(
            version: String,
            uptimeS: Int,
            site: String,
            commune: String,
            device: Site.Device,
            nowPlaying: Site.NowPlaying? = nil,
            queue: [Site.QueueItem],
            volumeDb: Double,
            emergencyVolumeDb: Double,
            amplifier: Site.Amplifier,
            mediaCount: Int,
            mediaBytes: Int,
            diskFreeBytes: Int,
            databaseOk: Bool,
            clockSynchronized: Bool,
            lastAlert: Site.AlertSummary? = nil,
            temperatureC: Double? = nil,
            scheduleWarnings: [String]? = nil,
            alertAlarms: [String]? = nil
        ) {
            self.version = version
            self.uptimeS = uptimeS
            self.site = site
            self.commune = commune
            self.device = device
            self.nowPlaying = nowPlaying
            self.queue = queue
            self.volumeDb = volumeDb
            self.emergencyVolumeDb = emergencyVolumeDb
            self.amplifier = amplifier
            self.mediaCount = mediaCount
            self.mediaBytes = mediaBytes
            self.diskFreeBytes = diskFreeBytes
            self.databaseOk = databaseOk
            self.clockSynchronized = clockSynchronized
            self.lastAlert = lastAlert
            self.temperatureC = temperatureC
            self.scheduleWarnings = scheduleWarnings
            self.alertAlarms = alertAlarms
        }

        private enum CodingKeys: String, CodingKey {
            case version
            case uptimeS = "uptime_s"
            case site
            case commune
            case device
            case nowPlaying = "now_playing"
            case queue
            case volumeDb = "volume_db"
            case emergencyVolumeDb = "emergency_volume_db"
            case amplifier
            case mediaCount = "media_count"
            case mediaBytes = "media_bytes"
            case diskFreeBytes = "disk_free_bytes"
            case databaseOk = "database_ok"
            case clockSynchronized = "clock_synchronized"
            case lastAlert = "last_alert"
            case temperatureC = "temperature_c"
            case scheduleWarnings = "schedule_warnings"
            case alertAlarms = "alert_alarms"
        }
    }
}
