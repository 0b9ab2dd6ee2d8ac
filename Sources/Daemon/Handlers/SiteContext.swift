import BroadcastModel
import ControlProtocol
import Foundation
import Logging
import Playout
import SiteHardware
import Store
import Synchronization

/// Everything the handlers work with, and the operations that combine several parts (play, volume).
final class SiteContext: Sendable {
    let store: Store
    let engine: PlayoutEngine
    let media: MediaLibrary
    let alerts: AlertManager
    /// Where signed alerts are verified and admitted.
    let signedAlerts: SignedAlertIntake
    let schedules: ScheduleRegistry
    let hub: MonitorHub
    /// The site's health, kept in memory.
    let health: SiteHealth
    /// The audit log, kept within its retention.
    let audit: AuditTrail
    /// The site's one wall clock, shared by the store, the engine, the scheduler and the alerts.
    let clock: any Clock
    let logger: Logger
    /// The configuration and profile in force; a SIGHUP reload replaces them.
    private let settings: Mutex<(configuration: DaemonConfiguration, profile: HardwareProfile)>

    init(configuration: DaemonConfiguration, profile: HardwareProfile, store: Store, engine: PlayoutEngine,
         media: MediaLibrary, alerts: AlertManager, signedAlerts: SignedAlertIntake, schedules: ScheduleRegistry,
         hub: MonitorHub, health: SiteHealth, audit: AuditTrail, clock: any Clock, logger: Logger) {
        settings = Mutex((configuration, profile))
        self.store = store
        self.engine = engine
        self.media = media
        self.alerts = alerts
        self.signedAlerts = signedAlerts
        self.schedules = schedules
        self.hub = hub
        self.health = health
        self.audit = audit
        self.clock = clock
        self.logger = logger
    }

    /// The configuration in force.
    var configuration: DaemonConfiguration { settings.withLock { $0.configuration } }

    /// The hardware profile in force.
    var profile: HardwareProfile { settings.withLock { $0.profile } }

    /// Puts reloaded settings in force for health and the handlers.
    func update(configuration: DaemonConfiguration, profile: HardwareProfile) {
        settings.withLock { $0 = (configuration, profile) }
        health.update(site: configuration.siteName, commune: configuration.communeCode)
    }

    /// Queues a stored announcement; returns the play id used in the as-run log.
    func play(_ parameters: Site.Play.Parameters) throws -> String {
        if let stream = parameters.stream { return try playStream(stream, parameters) }
        guard let name = parameters.media else {
            throw SiteFailure.invalidParameter("media", "give media, or stream and duration_s")
        }
        let record = try store.resolveMedia(name)
        let id = UUID().uuidString.lowercased().prefix(12)
        let level = parameters.level?.level ?? .normal
        let policy = parameters.onPreempt ?? .resume
        engine.enqueue(PlayoutItem(
            source: .play(id: String(id)), level: level, mediaPath: media.path(for: record.sha256), mediaSHA256: record.sha256,
            mediaName: record.name, onPreempt: policy, plannedAt: clock.now()
        ))
        return String(id)
    }

    /// Sets and remembers the normal volume.
    func setVolume(_ decibels: Double) throws -> Double {
        guard decibels.isFinite, (-60...12).contains(decibels) else {
            throw SiteFailure.invalidParameter("db", "use -60 to +12 dB")
        }
        try store.setVolumeDB(decibels)
        engine.setVolume(decibels)
        return decibels
    }

    /// Stops what an operator started: plays and scheduled programmes, on air and queued. Alerts are left alone;
    /// they are withdrawn with CancelAlert, which needs the provincial role.
    func stopPlays(by who: String) -> String? {
        let stopped = engine.stop(outcome: .cancelled, reason: "stopped by \(who)") { $0.source.alertID == nil }
        guard !stopped.isEmpty else { return nil }
        return stopped.map { "\($0.source) (\($0.mediaName ?? "?"))" }.joined(separator: ", ")
    }

    /// Noon of a `YYYY-MM-DD` day (or `today`, `yesterday`) in the site's zone, or nil when the text is not such a
    /// date.
    static func localDay(_ text: String, now: Date) -> Date? {
        switch text {
        case "today", "yesterday":
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Timestamps.siteTimeZone
            let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: now)
            return text == "today" ? noon : noon.flatMap { calendar.date(byAdding: .day, value: -1, to: $0) }
        default:
            break
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Timestamps.siteTimeZone
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// An alert as the protocol shows it.
    func alert(_ record: AlertRecord) -> Site.Alert {
        SiteMapping.alert(record, mediaName: record.mediaSHA256.flatMap { try? store.media(sha256: $0)?.name })
    }

    /// The as-run log between two RFC 3339 instants.
    func asRun(_ parameters: Site.GetAsRunLog.Parameters) throws -> [Site.AsRunEntry] {
        func date(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = Timestamps.parse(text) else {
                throw SiteFailure.invalidParameter(name, "use RFC 3339, e.g. 2026-12-01T00:00:00+07:00")
            }
            return date
        }
        if let day = parameters.day {
            guard parameters.since == nil, parameters.until == nil else {
                throw SiteFailure.invalidParameter("day", "give day, or since and until, not both")
            }
            guard let date = Self.localDay(day, now: clock.now()) else {
                throw SiteFailure.invalidParameter("day", "use a date such as 2026-12-01, today or yesterday")
            }
            return try store.asRun(day: date, timeZone: Timestamps.siteTimeZone).map(SiteMapping.asRun)
        }
        let limit = parameters.limit ?? Store.defaultQueryLimit
        return try store.asRun(since: try date(parameters.since, "since"), until: try date(parameters.until, "until"),
                               limit: limit).map(SiteMapping.asRun)
    }
}
