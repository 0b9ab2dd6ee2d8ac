import Foundation
import Logging
import Playout
import Store
import Synchronization

/// Re-reads the configuration file and the hardware profile on SIGHUP. New settings are taken whole or not at all: a
/// file with a problem is reported (file, line, key) and everything in force stays. Of a good file, what a running
/// daemon can change is applied at once (site name and commune, the default volumes, encoding targets, the upload
/// limit, the quiet-hours policy for priority programmes); what it opened at start (state directory, socket, device,
/// amplifier, TLS listener, time zone) is logged as needing a restart and stays as it was.
final class SettingsReloader: Sendable {
    private let options: DaemonOptions
    private let site: SiteContext
    private let media: MediaLibrary
    private let scheduler: SiteScheduler
    private let logger: Logger
    /// The settings in force, and the problem to show in the status line until the next reload.
    private let state: Mutex<(settings: DaemonSettings, problem: String?)>

    init(options: DaemonOptions, settings: DaemonSettings, site: SiteContext, media: MediaLibrary,
         scheduler: SiteScheduler, logger: Logger) {
        self.options = options
        self.site = site
        self.media = media
        self.scheduler = scheduler
        self.logger = logger
        state = Mutex((settings, nil))
    }

    /// The settings in force.
    var settings: DaemonSettings { state.withLock { $0.settings } }

    /// What the status line should say about the last reload: rejected, or waiting for a restart; nil when all is
    /// in force.
    var problem: String? { state.withLock { $0.problem } }

    /// Reads the files again and applies what it can; returns what changed, or nil when the new files were rejected.
    @discardableResult
    func reload() -> SettingsChange? {
        let old = settings
        let new: DaemonSettings
        do {
            new = try DaemonSettings.load(options: options)
            try checkStreamFallback(of: new)
        } catch {
            let problems = "\(error)".replacingOccurrences(of: "\n", with: "; ")
            logger.error("configuration reload rejected; the previous configuration and profile stay in force",
                         metadata: ["config": "\(options.configPath ?? "-")", "problems": "\(problems)"])
            state.withLock { $0.problem = "configuration reload rejected, previous one in force (see the log)" }
            return nil
        }
        for warning in new.warnings {
            logger.warning("configuration warning", metadata: ["warning": "\(warning.warningDescription)"])
        }
        let change = SettingsChange.between(old, new)
        let inForce = old.withLive(from: new)
        apply(inForce, previous: old)
        state.withLock {
            $0.settings = inForce
            $0.problem = change.restart.isEmpty ? nil : "restart needed for \(change.restart.joined(separator: ", "))"
        }
        if change.isEmpty {
            logger.info("configuration reloaded; nothing changed", metadata: ["config": "\(options.configPath ?? "-")"])
        }
        if !change.live.isEmpty {
            logger.notice("configuration reloaded", metadata: [
                "config": "\(options.configPath ?? "-")", "applied": "\(change.live.joined(separator: ", "))",
            ])
        }
        if !change.restart.isEmpty {
            logger.warning("configuration changed in ways that need a restart; the running values stay until then",
                           metadata: ["needs_restart": "\(change.restart.joined(separator: ", "))"])
        }
        return change
    }

    /// Refuses a `streams.fallback` that names no stored media: taken, every relay and stream alert that fails on air
    /// would fall back to silence instead of what the operator chose.
    private func checkStreamFallback(of settings: DaemonSettings) throws(ReloadRefusal) {
        guard let name = settings.configuration.streams.fallbackMedia,
              (try? site.store.resolveMedia(name)) == nil else { return }
        throw ReloadRefusal(file: options.configPath ?? "communecastd.yaml", problem:
            "streams.fallback: '\(name)' is not stored media; upload it first (communecast media upload FILE --name "
            + "\(name)) or use silence")
    }

    /// Puts the live settings of `settings` to work.
    private func apply(_ settings: DaemonSettings, previous: DaemonSettings) {
        site.update(configuration: settings.configuration, profile: settings.profile)
        media.update(targetLUFS: settings.configuration.targetLUFS, bitrateKbps: settings.configuration.bitrateKbps,
                     maxUploadBytes: settings.configuration.maxUploadBytes,
                     maxEncodeMemoryBytes: settings.configuration.maxEncodeMemoryBytes)
        site.schedules.setLimits(settings.configuration.scheduleLimits)
        if settings.configuration.auditRetention != previous.configuration.auditRetention {
            site.audit.setRetention(settings.configuration.auditRetention)
        }
        if settings.configuration.priorityInQuietHours != previous.configuration.priorityInQuietHours {
            scheduler.setPriorityPolicy(settings.configuration.priorityInQuietHours == "play" ? .play : .skip)
        }
        scheduler.setStreamSettings(settings.configuration.streams)
        site.alerts.setStreamSettings(settings.configuration.streams)
        site.engine.setEmergencyVolume(settings.profile.emergencyVolumeDB)
        // A volume set with `communecast volume` is the operator's and outlives any default in the files.
        let chosen = (try? site.store.volumeDB()) ?? nil
        if chosen == nil {
            site.engine.setVolume(settings.configuration.volumeDB ?? settings.profile.volumeDB)
        } else if settings.configuration.volumeDB != previous.configuration.volumeDB
                    || settings.profile.volumeDB != previous.profile.volumeDB {
            logger.notice("the default volume changed, but the volume set with `communecast volume` stays in force",
                          metadata: ["volume_db": "\(chosen ?? 0)"])
        }
    }
}
