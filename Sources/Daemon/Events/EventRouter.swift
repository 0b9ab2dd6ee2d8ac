import BroadcastModel
import ControlProtocol
import Foundation
import Logging
import Playout
import Store
import Synchronization

/// Takes the engine's events off the audio thread and turns each into an as-run log entry, alert bookkeeping and a
/// `Monitor` event. The engine only hands events to a queue of their own; the database work happens there, on a thread
/// that no control call can occupy (issue 12: four parallel schedule adds held the cooperative pool and delayed as-run
/// lines by 27 s).
final class EventRouter: Sendable {
    private let queue = DispatchQueue(label: "communecast-events", qos: .userInitiated)
    private let store: Store
    private let hub: MonitorHub
    private let logger: Logger
    private let openEntries = Mutex<[String: AsRunEntry]>([:])
    private let alertHandler = Mutex<(@Sendable (PlayoutEvent) -> Void)?>(nil)
    /// Whether ``finish()`` was called, and who waits in ``run()`` for the backlog to be written.
    private let ending = Mutex<(finished: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    init(store: Store, hub: MonitorHub, logger: Logger) {
        self.store = store
        self.hub = hub
        self.logger = logger
    }

    /// Given to the engine: called on the audio thread, returns at once.
    var sink: @Sendable (PlayoutEvent) -> Void {
        { [self] event in queue.async { self.route(event) } }
    }

    /// Who else must hear about alert events (set once the alert manager exists).
    func setAlertHandler(_ handler: @escaping @Sendable (PlayoutEvent) -> Void) {
        alertHandler.withLock { $0 = handler }
    }

    /// Returns once ``finish()`` was called and every event handed over before it has been handled.
    func run() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = ending.withLock { state -> Bool in
                if !state.finished { state.waiter = continuation }
                return state.finished
            }
            if finished { queue.async { continuation.resume() } }
        }
    }

    /// Ends ``run()`` once every queued event has been handled.
    func finish() {
        queue.async { [self] in
            let waiter = ending.withLock { state -> CheckedContinuation<Void, Never>? in
                state.finished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    private func route(_ event: PlayoutEvent) {
        do {
            try recordAsRun(event)
        } catch {
            logger.error("cannot write the as-run log", metadata: ["error": "\(error)"])
        }
        alertHandler.withLock { $0 }?(event)
        hub.publish(SiteMapping.event(event))
        if let item = event.item {
            logger.info("\(event.kind.rawValue)", metadata: [
                "source": "\(item.source)", "media": "\(item.mediaName ?? "-")", "level": "\(item.level.rawValue)",
                "reason": "\(event.reason ?? "")",
            ])
        }
    }

    /// One row per airing: opened when an item starts or resumes, completed when it ends; items that never start
    /// get a row of their own.
    private func recordAsRun(_ event: PlayoutEvent) throws {
        guard let item = event.item else { return }
        let programme = item.source.programmeID
        switch event.kind {
        case .started, .resumed:
            let entry = try store.appendAsRun(AsRunEntry(
                plannedAt: item.plannedAt, startedAt: event.at, level: item.level, mediaSHA256: item.mediaSHA256,
                mediaName: item.mediaName, source: item.source.description,
                outcome: event.kind == .started ? .started : .resumed,
                reason: event.kind == .resumed ? "resumed at \(Self.seconds(event.positionSeconds))" : nil,
                status: item.status, programmeID: programme, positionSeconds: event.positionSeconds,
                textSHA256: textSHA256(of: item), signedBy: item.signedBy,
                capSource: item.capSource
            ))
            openEntries.withLock { $0[item.id] = entry }
        case .aired, .preempted, .skipped, .failed, .interrupted:
            let outcome = event.outcome ?? .skipped
            if var entry = openEntries.withLock({ $0.removeValue(forKey: item.id) }) {
                entry.endedAt = event.at
                entry.outcome = entry.outcome == .resumed && outcome == .aired ? .resumed : outcome
                if let reason = event.reason { entry.reason = [entry.reason, reason].compactMap { $0 }.joined(separator: "; ") }
                entry.positionSeconds = event.positionSeconds
                try store.updateAsRun(entry)
            } else {
                _ = try store.appendAsRun(AsRunEntry(
                    plannedAt: item.plannedAt, level: item.level, mediaSHA256: item.mediaSHA256,
                    mediaName: item.mediaName, source: item.source.description, outcome: outcome,
                    reason: event.reason, status: item.status,
                    programmeID: programme, textSHA256: textSHA256(of: item), signedBy: item.signedBy,
                    capSource: item.capSource
                ))
            }
        case .stream:
            try noteStreamEvent(event, of: item)
        case .deviceState:
            break
        }
    }

    /// Adds a stream's failure or switch to the reason of its airing's entry at once, with the time of day, so the
    /// as-run log shows every failover of a relay while it is still on air.
    private func noteStreamEvent(_ event: PlayoutEvent, of item: PlayoutItem) throws {
        guard let reason = event.reason,
              var entry = openEntries.withLock({ $0[item.id] }) else { return }
        // A URL that keeps failing the same way while the fallback plays is noted once, not at every retry.
        if case .failed? = event.stream?.kind, entry.reason?.hasSuffix(reason) == true { return }
        let time = Timestamps.format(event.at).dropFirst(11).prefix(8)
        entry.reason = [entry.reason, "\(time) \(reason)"].compactMap { $0 }.joined(separator: "; ")
        try store.updateAsRun(entry)
        openEntries.withLock { $0[item.id] = entry }
    }

    /// The hash of the text an item's media was spoken from, for the as-run log; nil for recorded media.
    private func textSHA256(of item: PlayoutItem) -> String? {
        item.mediaSHA256.flatMap { try? store.media(sha256: $0) }?.textSHA256
    }

    private static func seconds(_ value: Double?) -> String { String(format: "%.1f s", value ?? 0) }
}
