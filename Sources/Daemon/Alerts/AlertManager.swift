import BroadcastModel
import ControlProtocol
import Foundation
import HostSystem
import Logging
import Playout
import Scheduling
import Store
import Synchronization

/// Keeps alerts on air as their sender asked: queues each airing when due, counts repeats, honours the interval and
/// the expiry, and survives restarts because every state change is in the store before it is acted on. Alerts are
/// keyed by issuer and id (``AlertKey``): an issuer pushing an id twice airs it once, a cancelled key cannot be
/// revived by a replay of the old push, and nobody's id can swallow another issuer's push or a higher level.
final class AlertManager: Sendable {
    /// The furthest ahead an expiry may be: a year and a day. An alert is about a hazard now; an expiry years away is
    /// a typing mistake (2062 for 2026), and it keeps every date this site formats within four-digit years.
    static let longestExpiry: TimeInterval = 366 * 86_400

    /// Where alerts live: every change is recorded before it is acted on.
    let store: Store
    private let engine: PlayoutEngine
    /// The media library: stored media of alerts, spoken text, a stream's stored fallback.
    let media: MediaLibrary
    /// How the site reads streams (`streams:`): the fallback and buffer of a stream alert; a reload replaces it.
    private let streamSettings: Mutex<StreamSettings>
    private let hub: MonitorHub
    /// The daemon's logger.
    let logger: Logger
    /// The site's one wall clock: creation, due and expiry times.
    private let clock: any Clock
    /// The engine item of each alert currently in its queue or on air.
    private let inFlight = Mutex<[AlertKey: String]>([:])
    private let stopped = Atomic(false)
    /// Wakes the timer thread when an alert changes, so a due alert does not wait for the next timeout.
    private let changes = WakeSignal()

    init(store: Store, engine: PlayoutEngine, media: MediaLibrary, streams: StreamSettings = StreamSettings(),
         hub: MonitorHub, clock: any Clock, logger: Logger) {
        self.store = store
        streamSettings = Mutex(streams)
        self.clock = clock
        self.engine = engine
        self.media = media
        self.hub = hub
        self.logger = logger
    }

    /// How the site reads streams (`streams:`) now: the settings a stream alert airs with.
    var streams: StreamSettings { streamSettings.withLock { $0 } }

    /// Takes reloaded `streams:` settings: every stream alert that goes on air from now on reads its mount with them
    /// (one already on air keeps the reader it started with).
    func setStreamSettings(_ settings: StreamSettings) {
        streamSettings.withLock { $0 = settings }
    }

    /// Source label used in the engine and the as-run log.
    static func source(for id: String) -> ItemSource { .alert(id: id) }

    /// Validates and records a push from `issuer`, who holds `role`, then wakes the timer so a due alert airs at once.
    /// A push that escalates the issuer's own alert of that id takes the lower one off the queue and off air first.
    func push(_ parameters: Site.PushAlert.Parameters, issuer: String, role: Role) throws -> AlertPushResult {
        let id = parameters.id
        guard (1...128).contains(id.count), !id.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw SiteFailure.invalidParameter("id", "use 1-128 characters without spaces")
        }
        let key = AlertKey(issuer: issuer, id: id)
        let level = parameters.level ?? .emergency
        let status = parameters.status ?? .actual
        var sha: String?
        if let name = parameters.media { sha = try store.resolveMedia(name).sha256 }
        if let text = parameters.text {
            guard sha == nil else { throw SiteFailure.invalidParameter("text", "give either media or text, not both") }
            sha = try media.speak(text, voice: parameters.voice, rate: parameters.rate, source: "alert \(id)").sha256
        }
        let stream = try streamOf(parameters, level: level, status: status)
        let tone = parameters.tone ?? (level == .emergency || stream != nil)
        guard sha != nil || tone else {
            throw SiteFailure.invalidParameter("media", "an alert needs media, the attention tone, or both")
        }
        let now = clock.now()
        let expires = try parameters.expires.map { try expiry($0, key: key, now: now) }
        let repeats = parameters.repeat ?? 1
        guard (1...100).contains(repeats) else { throw SiteFailure.invalidParameter("repeat", "use 1 to 100") }
        let interval = parameters.intervalS ?? 0
        guard (0...86_400).contains(interval) else {
            throw SiteFailure.invalidParameter("interval_s", "use 0 to 86400 seconds")
        }
        let record = AlertRecord(
            issuer: issuer, issuerRole: role, id: id, status: status, level: level, mediaSHA256: sha, tone: tone,
            expiresAt: expires, repeatTotal: repeats, intervalSeconds: interval, nextDueAt: now, createdAt: now,
            streamURLs: stream?.urls, streamSeconds: stream?.seconds
        )
        let result = try store.pushAlert(record)
        if let replaced = result.replaced {
            takeOffAir(key, outcome: .skipped, reason: "alert escalated to \(level.rawValue)")
            logger.notice("alert escalated", metadata: ["alert.id": "\(id)", "issuer": "\(issuer)",
                                                         "from": "\(replaced.level.rawValue)",
                                                         "to": "\(level.rawValue)"])
        }
        if !result.duplicate {
            logger.notice("alert received", metadata: ["alert.id": "\(id)", "issuer": "\(issuer)",
                                                        "level": "\(level.rawValue)", "status": "\(status.rawValue)"])
            publish(result.record, reason: result.replaced == nil ? "received" : "escalated")
            // Queue it from here rather than waiting for the timer thread: alert latency is what matters most.
            _ = queueDueAlerts()
        }
        wake()
        return result
    }

    /// Cancels for good every alert with `id` (only `issuer`'s, when given) pushed with `role` or a lower one:
    /// recorded first, then taken off the queue and off air (the as-run log says it was cancelled, and by `who`);
    /// later pushes of those keys are refused. Returns the alerts cancelled.
    func cancel(id: String, issuer: String?, role: Role, by who: String) throws -> [AlertRecord] {
        let records = try store.cancelAlerts(id: id, issuer: issuer, upTo: role)
        for record in records {
            takeOffAir(record.key, outcome: .cancelled, reason: "alert cancelled by \(who)")
            logger.notice("alert cancelled", metadata: ["alert.id": "\(id)", "issuer": "\(record.issuer)"])
            publish(record, reason: "cancelled")
        }
        return records
    }

    /// Acts on a signed message the store has admitted (the replay row, the alert and the cancels are already
    /// committed): takes the alerts it closed off the queue and off air, then airs the alert it stored at once.
    func applySigned(_ admission: SignedAlertAdmission, messageID: String) {
        for record in admission.closed {
            takeOffAir(record.key, outcome: .skipped, reason: "alert \(record.id) closed by signed \(messageID)")
            logger.notice("alert closed", metadata: ["alert.id": "\(record.id)", "issuer": "\(record.issuer)",
                                                     "by": "\(messageID)"])
            publish(record, reason: "closed by \(messageID)")
        }
        if let stored = admission.stored {
            publish(stored, reason: "received, signed")
            _ = queueDueAlerts()
        }
        wake()
    }

    /// The expiry of a push: RFC 3339, not past (unless the key is already known, when the push is a duplicate and
    /// changes nothing), and at most ``longestExpiry`` ahead.
    private func expiry(_ text: String, key: AlertKey, now: Date) throws -> Date {
        guard let date = Timestamps.parse(text) else {
            throw SiteFailure.invalidParameter("expires", "use RFC 3339, e.g. 2026-12-01T08:00:00+07:00")
        }
        guard date <= now.addingTimeInterval(Self.longestExpiry) else {
            throw SiteFailure.invalidParameter("expires", "\(text) is more than a year ahead; an alert may expire at "
                                               + "most 366 days after it is pushed")
        }
        // A push after the expiry is refused, unless this issuer already has the alert: then it is a duplicate like
        // any other and changes nothing, since an alert's expiry is fixed when it is first issued.
        if date <= now, try store.alert(key: key) == nil { throw SiteFailure.expired(key.id) }
        return date
    }

    /// Removes the engine's item for `key`, queued or on air, and forgets it; `outcome` and `reason` go to the as-run
    /// log.
    private func takeOffAir(_ key: AlertKey, outcome: AsRunOutcome, reason: String) {
        let item = inFlight.withLock { $0.removeValue(forKey: key) }
        if let item { engine.stop(outcome: outcome, reason: reason) { $0.id == item } }
    }

    /// Updates an alert after the engine reports on one of its airings.
    func handle(_ event: PlayoutEvent) {
        guard let item = event.item, item.source.alertID != nil else { return }
        let key = inFlight.withLock { $0.first { $0.value == item.id }?.key }
        guard let key else { return }
        do {
            // The level check drops the last events of an airing whose alert was escalated meanwhile.
            guard var alert = try store.alert(key: key), alert.state == .pending || alert.state == .playing,
                  Self.level(of: alert) == item.level else {
                return
            }
            let readAt = alert.updatedAt
            switch event.kind {
            case .started, .resumed:
                alert.state = .playing
            case .aired:
                alert.repeatsDone += 1
                alert.lastOutcome = "aired"
                if alert.repeatsDone >= alert.repeatTotal {
                    alert.state = .done
                } else {
                    alert.state = .pending
                    alert.nextDueAt = clock.now().addingTimeInterval(Double(alert.intervalSeconds))
                }
                release(key, item: item.id)
            case .skipped:
                alert.state = event.outcome == .expired ? .expired : .failed
                alert.lastOutcome = event.reason
                release(key, item: item.id)
            case .failed where !event.isDeviceLoss:
                alert.state = .failed
                alert.lastOutcome = event.reason
                release(key, item: item.id)
            case .interrupted:
                alert.state = .pending
            default:
                return
            }
            let updated = try store.updateAlert(alert, readAt: readAt)
            publish(updated, reason: event.reason ?? event.kind.rawValue)
        } catch StoreError.alertChanged {
            // Escalated or replaced since it was read: the new record has its own airing and its own events.
            logger.debug("alert changed during an airing's report", metadata: ["alert.id": "\(key.id)"])
        } catch {
            logger.error("cannot update alert", metadata: ["alert.id": "\(key.id)", "issuer": "\(key.issuer)",
                                                        "error": "\(error)"])
        }
        wake()
    }

    /// At start-up, before the engine and the scheduler run: alerts that were on air when the daemon stopped are
    /// pending again, and every due alert is queued, so that after a crash or power cut the alert is the first
    /// thing on air and no scheduled programme slips in ahead of it.
    func restore() {
        do {
            for alert in try store.pendingAlerts() where alert.state == .playing {
                var again = alert
                again.state = .pending
                _ = try store.updateAlert(again)
            }
        } catch {
            logger.error("cannot reload pending alerts", metadata: ["error": "\(error)"])
        }
        _ = queueDueAlerts()
    }

    /// Runs until `stop()`: expires what is past its expiry and queues every pending alert that is due. Call
    /// ``restore()`` first.
    ///
    /// The store is read only when something changed (every change wakes this thread) or when the earliest due time
    /// or expiry it found has come: reading an unchanged table every second was most of this thread's CPU, on a
    /// site that runs for months. The thread still wakes every second, so a wall clock set forward past that time is
    /// noticed within a second.
    func run() {
        var lookAgainAt = Date.distantPast
        var woken = true
        while !stopped.load(ordering: .acquiring) {
            if woken || clock.now() >= lookAgainAt { lookAgainAt = queueDueAlerts() }
            if stopped.load(ordering: .acquiring) { break }
            woken = changes.sleep(seconds: min(lookAgainAt.timeIntervalSince(clock.now()), 1))
        }
    }

    /// Ends `run()`.
    func stop() {
        stopped.store(true, ordering: .releasing)
        changes.wake()
    }

    /// The level an alert plays at in the engine.
    private static func level(of alert: AlertRecord) -> BroadcastLevel {
        alert.level.level
    }

    /// Tells `Monitor` clients where an alert now stands.
    private func publish(_ alert: AlertRecord, reason: String) {
        hub.publish(Site.Event(
            kind: .alertState, at: Timestamps.format(clock.now()), level: alert.level.level,
            source: Self.source(for: alert.id).description, alertId: alert.id,
            alertState: alert.state, reason: reason
        ))
    }

    private func wake() {
        changes.wake()
    }

    /// Forgets `item` as the alert's airing in flight, unless a newer airing (after an escalation) took its place.
    private func release(_ key: AlertKey, item: String) {
        inFlight.withLock { if $0[key] == item { $0.removeValue(forKey: key) } }
    }

    /// Queues due alerts and returns when to look again: the earliest due time or expiry of a pending alert, at most
    /// a minute ahead; a second ahead when the store could not be read.
    private func queueDueAlerts() -> Date {
        let now = clock.now()
        var next = now.addingTimeInterval(60)
        do {
            for expired in try store.expireAlerts(now: now) {
                logger.notice("alert expired before airing", metadata: ["alert.id": "\(expired.id)"])
                publish(expired, reason: "expired before airing")
            }
            for alert in try store.pendingAlerts() where alert.state == .pending {
                if let expiresAt = alert.expiresAt { next = min(next, expiresAt) }
                if alert.nextDueAt > now {
                    next = min(next, alert.nextDueAt)
                    continue
                }
                let item = "alert-" + UUID().uuidString.lowercased()
                let claimed = inFlight.withLock { inFlight in
                    guard inFlight[alert.key] == nil else { return false }
                    inFlight[alert.key] = item
                    return true
                }
                if claimed { enqueue(alert, as: item) }
            }
        } catch {
            logger.error("cannot read pending alerts", metadata: ["error": "\(error)"])
            next = now.addingTimeInterval(1)
        }
        // Never a time already past, which would read the store again at once.
        return max(next, now.addingTimeInterval(0.01))
    }

    /// Hands one airing to the engine as item `id`; the caller has claimed the key in `inFlight`.
    private func enqueue(_ alert: AlertRecord, as id: String) {
        let mediaRecord = alert.mediaSHA256.flatMap { try? store.media(sha256: $0) }
        let stream = streamConfiguration(of: alert)
        let item = PlayoutItem(
            id: id, source: Self.source(for: alert.id), level: alert.level.level,
            mediaPath: alert.mediaSHA256.map { media.path(for: $0) }, mediaSHA256: alert.mediaSHA256,
            mediaName: mediaRecord?.name ?? alert.streamURLs.map { urls in
                ProgrammeStream(urls: urls, duration: Double(alert.streamSeconds ?? 0)).name
            }, onPreempt: .resume,
            status: alert.status, plannedAt: alert.nextDueAt,
            notAfter: alert.expiresAt, attentionTone: alert.tone, signedBy: alert.signedBy,
            capSource: alert.capSource, stream: stream, durationSeconds: alert.streamSeconds.map(Double.init)
        )
        engine.enqueue(item)
    }
}
