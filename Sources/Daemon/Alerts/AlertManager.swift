import ControlProtocol
import Foundation
import Logging
import Playout
import Store

/// Keeps alerts on air as their sender asked: queues each airing when due, counts repeats, honours the interval and
/// the expiry, and survives restarts because every state change is in the store before it is acted on. Pushing an
/// id twice airs it once; a cancelled id cannot be revived by a replay of the old push.
final class AlertManager: @unchecked Sendable {
    private let store: Store
    private let engine: PlayoutEngine
    private let media: MediaLibrary
    private let hub: MonitorHub
    private let logger: Logger
    private let lock = NSCondition()
    /// Alert ids currently in the engine's queue or on air; guarded by `lock`.
    private var inFlight: Set<String> = []
    private var stopped = false
    /// Set by `wake()`, so a change made while the timer is busy is not missed; guarded by `lock`.
    private var changed = false

    init(store: Store, engine: PlayoutEngine, media: MediaLibrary, hub: MonitorHub, logger: Logger) {
        self.store = store
        self.engine = engine
        self.media = media
        self.hub = hub
        self.logger = logger
    }

    /// Source label used in the engine and the as-run log.
    static func source(for id: String) -> String { "alert:\(id)" }

    /// Validates and records a push, then wakes the timer so a due alert airs at once.
    func push(_ parameters: Site.PushAlert.Parameters) throws -> (AlertRecord, duplicate: Bool) {
        let id = parameters.id
        guard (1...128).contains(id.count), !id.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw SiteFailure.invalidParameter("id", "use 1-128 characters without spaces")
        }
        let level: AlertLevel = parameters.level.map { $0 == .priority ? .priority : .emergency } ?? .emergency
        let status = AlertStatus(rawValue: parameters.status?.rawValue ?? "actual") ?? .actual
        var sha: String?
        if let name = parameters.media { sha = try store.resolveMedia(name).sha256 }
        if let text = parameters.text {
            guard sha == nil else { throw SiteFailure.invalidParameter("text", "give either media or text, not both") }
            sha = try media.speak(text, voice: parameters.voice, rate: parameters.rate, source: "alert \(id)").sha256
        }
        let tone = parameters.tone ?? (level == .emergency)
        guard sha != nil || tone else {
            throw SiteFailure.invalidParameter("media", "an alert needs media, the attention tone, or both")
        }
        var expires: Date?
        if let text = parameters.expires {
            guard let date = Timestamps.parse(text) else {
                throw SiteFailure.invalidParameter("expires", "use RFC 3339, e.g. 2026-12-01T08:00:00+07:00")
            }
            // A push after the expiry is refused, unless this site already has the alert: then it is a duplicate like
            // any other and changes nothing, since an alert's expiry is fixed when it is first issued.
            if date <= Date(), try store.alert(id: id) == nil { throw SiteFailure.expired(id) }
            expires = date
        }
        let repeats = parameters.repeat ?? 1
        guard (1...100).contains(repeats) else { throw SiteFailure.invalidParameter("repeat", "use 1 to 100") }
        let interval = parameters.intervalS ?? 0
        guard (0...86_400).contains(interval) else {
            throw SiteFailure.invalidParameter("interval_s", "use 0 to 86400 seconds")
        }
        let now = Date()
        let record = AlertRecord(
            id: id, status: status, level: level, mediaSHA256: sha, tone: tone, expiresAt: expires,
            repeatTotal: repeats, intervalSeconds: interval, nextDueAt: now, createdAt: now
        )
        let result = try store.pushAlert(record)
        if !result.duplicate {
            logger.notice("alert received", metadata: ["alert.id": "\(id)", "level": "\(level.rawValue)",
                                                        "status": "\(status.rawValue)"])
            publish(result.record, reason: "received")
            // Queue it from here rather than waiting for the timer thread: alert latency is what matters most.
            _ = queueDueAlerts()
        }
        wake()
        return result
    }

    /// Cancels an alert for good: recorded first, then taken off the queue and off air (the as-run log says it was
    /// cancelled, and by `who`); later pushes of the id are refused.
    func cancel(id: String, by who: String) throws -> AlertRecord {
        let record = try store.cancelAlert(id: id)
        let source = Self.source(for: id)
        engine.stop(reason: "alert cancelled by \(who)") { $0.source == source }
        lock.lock()
        inFlight.remove(id)
        lock.unlock()
        logger.notice("alert cancelled", metadata: ["alert.id": "\(id)"])
        publish(record, reason: "cancelled")
        return record
    }

    /// Updates an alert after the engine reports on one of its airings.
    func handle(_ event: PlayoutEvent) {
        guard let item = event.item, item.source.hasPrefix("alert:") else { return }
        let id = String(item.source.dropFirst("alert:".count))
        do {
            guard var alert = try store.alert(id: id), alert.state == .pending || alert.state == .playing else {
                return
            }
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
                    alert.nextDueAt = Date().addingTimeInterval(Double(alert.intervalSeconds))
                }
                release(id)
            case .skipped:
                alert.state = event.reason?.contains("expired") == true ? .expired : .failed
                alert.lastOutcome = event.reason
                release(id)
            case .failed where event.reason?.contains("device lost") != true:
                alert.state = .failed
                alert.lastOutcome = event.reason
                release(id)
            case .interrupted:
                alert.state = .pending
            default:
                return
            }
            let updated = try store.updateAlert(alert)
            publish(updated, reason: event.reason ?? event.kind.rawValue)
        } catch {
            logger.error("cannot update alert", metadata: ["alert.id": "\(id)", "error": "\(error)"])
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
    func run() {
        lock.lock()
        while !stopped {
            changed = false
            lock.unlock()
            let nextWake = queueDueAlerts()
            lock.lock()
            if stopped { break }
            if !changed { _ = lock.wait(until: min(nextWake, Date().addingTimeInterval(1))) }
        }
        lock.unlock()
    }

    /// Ends `run()`.
    func stop() {
        lock.lock()
        stopped = true
        lock.broadcast()
        lock.unlock()
    }

    /// Tells `Monitor` clients where an alert now stands.
    private func publish(_ alert: AlertRecord, reason: String) {
        hub.publish(Site.Event(
            kind: .alertState, at: Timestamps.format(Date()), level: alert.level == .emergency ? .emergency : .priority,
            source: Self.source(for: alert.id), alertId: alert.id,
            alertState: Site.AlertState(rawValue: alert.state.rawValue), reason: reason
        ))
    }

    private func wake() {
        lock.lock()
        changed = true
        lock.broadcast()
        lock.unlock()
    }

    private func release(_ id: String) {
        lock.lock()
        inFlight.remove(id)
        lock.unlock()
    }

    /// Queues due alerts and returns when to look again.
    private func queueDueAlerts() -> Date {
        let now = Date()
        var next = now.addingTimeInterval(60)
        do {
            for expired in try store.expireAlerts(now: now) {
                logger.notice("alert expired before airing", metadata: ["alert.id": "\(expired.id)"])
                publish(expired, reason: "expired before airing")
            }
            for alert in try store.pendingAlerts() where alert.state == .pending {
                if alert.nextDueAt > now {
                    next = min(next, alert.nextDueAt)
                    continue
                }
                lock.lock()
                let claimed = inFlight.insert(alert.id).inserted
                lock.unlock()
                if claimed { enqueue(alert) }
            }
        } catch {
            logger.error("cannot read pending alerts", metadata: ["error": "\(error)"])
        }
        return next
    }

    /// Hands one airing to the engine; the caller has claimed the id in `inFlight`.
    private func enqueue(_ alert: AlertRecord) {
        let mediaRecord = alert.mediaSHA256.flatMap { try? store.media(sha256: $0) }
        let item = PlayoutItem(
            source: Self.source(for: alert.id), level: alert.level == .emergency ? .emergency : .priority,
            mediaPath: alert.mediaSHA256.map { media.path(for: $0) }, mediaSHA256: alert.mediaSHA256,
            mediaName: mediaRecord?.name, onPreempt: .resume,
            status: BroadcastStatus(rawValue: alert.status.rawValue), plannedAt: alert.nextDueAt,
            notAfter: alert.expiresAt, attentionTone: alert.tone
        )
        engine.enqueue(item)
    }
}
