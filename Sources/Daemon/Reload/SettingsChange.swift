import Foundation

/// What differs between the settings in force and newly read ones, split into what a running daemon takes at once
/// and what only a restart can change (the state directory, the socket, the device and anything else that is opened
/// once). Keys are named as in the files: `audio.volume_db`, or `profile rpi4-usb: mixer.emergency_volume_db`.
struct SettingsChange: Sendable, Equatable {
    /// Keys applied without a restart.
    var live: [String] = []
    /// Keys that take effect at the next restart.
    var restart: [String] = []

    /// Whether nothing changed.
    var isEmpty: Bool { live.isEmpty && restart.isEmpty }

    /// Compares two sets of settings key by key.
    static func between(_ old: DaemonSettings, _ new: DaemonSettings) -> SettingsChange {
        var change = SettingsChange()
        func check<Value: Equatable>(_ key: String, _ path: KeyPath<DaemonSettings, Value>, live: Bool) {
            guard old[keyPath: path] != new[keyPath: path] else { return }
            if live { change.live.append(key) } else { change.restart.append(key) }
        }
        check("site.name", \.configuration.siteName, live: true)
        check("site.commune_code", \.configuration.communeCode, live: true)
        check("site.timezone", \.configuration.timeZone, live: false)
        check("hardware_profile", \.configuration.hardwareProfile, live: false)
        check("state_dir", \.stateDirectory, live: false)
        check("socket", \.socketPath, live: false)
        check("audio.target_lufs", \.configuration.targetLUFS, live: true)
        check("audio.bitrate_kbps", \.configuration.bitrateKbps, live: true)
        check("audio.volume_db", \.configuration.volumeDB, live: true)
        check("audio.device_retry_s", \.configuration.deviceRetrySeconds, live: false)
        check("schedules.directory", \.schedulesDirectory, live: false)
        check("schedules.priority_in_quiet_hours", \.configuration.priorityInQuietHours, live: true)
        check("schedules.max_programmes_per_schedule", \.configuration.scheduleLimits.programmesPerSchedule,
              live: true)
        check("schedules.max_programmes_per_site", \.configuration.scheduleLimits.programmesPerSite, live: true)
        check("audit.max_age_days", \.configuration.auditRetention.maximumAgeDays, live: true)
        check("audit.max_rows", \.configuration.auditRetention.maximumRows, live: true)
        check("limits.max_upload_bytes", \.configuration.maxUploadBytes, live: true)
        check("limits.max_encode_memory_bytes", \.configuration.maxEncodeMemoryBytes, live: true)
        check("limits.max_connections", \.configuration.maxConnections, live: false)
        check("limits.idle_timeout_s", \.configuration.idleTimeoutSeconds, live: false)
        check("limits.max_tls_connections", \.configuration.connectionLimits.maxTLSConnections, live: false)
        check("limits.max_tls_handshakes", \.configuration.connectionLimits.maxTLSHandshakes, live: false)
        check("limits.max_tls_handshakes_per_address", \.configuration.connectionLimits.maxTLSHandshakesPerAddress,
              live: false)
        check("limits.message_timeout_s", \.configuration.connectionLimits.messageTimeoutSeconds, live: false)
        check("limits.upload_timeout_s", \.configuration.connectionLimits.uploadTimeoutSeconds, live: false)
        check("limits.refusal_log_interval_s", \.configuration.connectionLimits.refusalLogIntervalSeconds,
              live: false)
        check("tls", \.tls, live: false)
        check("alerts.accept_unsigned_over_tls", \.configuration.alerts.acceptUnsignedOverTLS, live: true)
        check("alerts (CA, ACL file, audience, policy)", \.configuration.alertsBesidesTheSwitch, live: false)
        check("uplink", \.configuration.uplink, live: false)
        check("streams", \.configuration.streams, live: true)
        // A configuration key added later and not listed above still needs a restart rather than being ignored.
        if new.configuration.withKnownKeys(of: old.configuration) != old.configuration {
            change.restart.append("configuration (other keys)")
        }
        // Another profile altogether is a restart; so is any setting of the same profile but its volumes.
        guard old.configuration.hardwareProfile == new.configuration.hardwareProfile else { return change }
        let profile = "profile \(new.profile.name): "
        check(profile + "mixer.volume_db", \.profile.volumeDB, live: true)
        check(profile + "mixer.emergency_volume_db", \.profile.emergencyVolumeDB, live: true)
        var rest = new.profile
        rest.volumeDB = old.profile.volumeDB
        rest.emergencyVolumeDB = old.profile.emergencyVolumeDB
        if rest != old.profile { change.restart.append(profile + "pcm, mixer.control, amplifier or attention_tone") }
        return change
    }
}

extension DaemonSettings {
    /// These settings with the values a running daemon can take (`SettingsChange.live`) copied from `new`: what is
    /// in force after a reload that could not apply everything.
    func withLive(from new: DaemonSettings) -> DaemonSettings {
        var result = self
        result.configuration.siteName = new.configuration.siteName
        result.configuration.communeCode = new.configuration.communeCode
        result.configuration.targetLUFS = new.configuration.targetLUFS
        result.configuration.bitrateKbps = new.configuration.bitrateKbps
        result.configuration.volumeDB = new.configuration.volumeDB
        result.configuration.priorityInQuietHours = new.configuration.priorityInQuietHours
        result.configuration.maxUploadBytes = new.configuration.maxUploadBytes
        result.configuration.maxEncodeMemoryBytes = new.configuration.maxEncodeMemoryBytes
        result.configuration.scheduleLimits = new.configuration.scheduleLimits
        result.configuration.auditRetention = new.configuration.auditRetention
        result.configuration.alerts.acceptUnsignedOverTLS = new.configuration.alerts.acceptUnsignedOverTLS
        result.configuration.streams = new.configuration.streams
        if configuration.hardwareProfile == new.configuration.hardwareProfile {
            result.profile.volumeDB = new.profile.volumeDB
            result.profile.emergencyVolumeDB = new.profile.emergencyVolumeDB
        }
        return result
    }
}

extension DaemonConfiguration {
    /// This configuration with every key `SettingsChange` compares by name taken from `other`, leaving only keys it
    /// does not know about.
    func withKnownKeys(of other: DaemonConfiguration) -> DaemonConfiguration {
        var result = self
        result.siteName = other.siteName
        result.communeCode = other.communeCode
        result.timeZone = other.timeZone
        result.hardwareProfile = other.hardwareProfile
        result.stateDirectory = other.stateDirectory
        result.socketPath = other.socketPath
        result.targetLUFS = other.targetLUFS
        result.bitrateKbps = other.bitrateKbps
        result.volumeDB = other.volumeDB
        result.maxUploadBytes = other.maxUploadBytes
        result.maxEncodeMemoryBytes = other.maxEncodeMemoryBytes
        result.maxConnections = other.maxConnections
        result.idleTimeoutSeconds = other.idleTimeoutSeconds
        result.connectionLimits = other.connectionLimits
        result.deviceRetrySeconds = other.deviceRetrySeconds
        result.schedulesDirectory = other.schedulesDirectory
        result.priorityInQuietHours = other.priorityInQuietHours
        result.scheduleLimits = other.scheduleLimits
        result.auditRetention = other.auditRetention
        result.tls = other.tls
        result.alerts = other.alerts
        result.uplink = other.uplink
        result.streams = other.streams
        return result
    }

    /// The `alerts:` settings the signed-alert intake reads once at start, that is all but the transitional switch
    /// (which every unsigned push reads anew).
    var alertsBesidesTheSwitch: AlertSettings {
        var settings = alerts
        settings.acceptUnsignedOverTLS = false
        return settings
    }
}
