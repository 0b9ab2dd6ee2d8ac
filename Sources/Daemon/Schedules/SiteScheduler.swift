import ControlProtocol
import Foundation
import Logging
import Playout
import Scheduling
import Store

/// Puts scheduled programmes on air at their second (DESIGN §6, issue 4).
///
/// It runs on its own thread and sleeps in a ``WallClockTimer`` until the next airing. Shortly before it (the
/// amplifier's warm-up plus a margin) it asks the engine to warm the amplifier, then sleeps again until the exact
/// instant and hands the programme to the engine, which starts it at once unless something of a higher or the
/// same level is on air. When the wall clock is set, the wait ends and it re-plans from the new time; airings the
/// clock jumped over, or that fell due while the daemon was down, are played if they are within `max_late` and
/// otherwise logged as missed. Skips for quiet hours and misses go to the as-run log with the programme id and the
/// planned time, like airings do.
final class SiteScheduler: @unchecked Sendable {
    /// The settings key of the last instant handled, so a restart can tell what it missed.
    static let plannedThroughKey = "scheduler.planned_through"
    /// After a long outage, only this much of the past is reported as missed.
    static let longestCatchUp: TimeInterval = 7 * 86_400

    private let store: Store
    private let engine: PlayoutEngine
    private let media: MediaLibrary
    private let hub: MonitorHub
    private let logger: Logger
    private let priorityPolicy: QuietHoursPolicy
    /// A new quiet-hours policy for priority programmes, taken at the next turn of the loop; guarded by `lock`.
    private var pendingPolicy: QuietHoursPolicy?
    /// How long before an airing the amplifier is switched on.
    private let lead: TimeInterval
    private let timer: WallClockTimer
    private let lock = NSLock()
    /// A new set of schedules to install at the next turn of the loop; guarded by `lock`.
    private var pending: [SiteSchedule]?
    private var current: [SiteSchedule] = []
    private var stopped = false

    init(store: Store, engine: PlayoutEngine, media: MediaLibrary, hub: MonitorHub, logger: Logger,
         priorityPolicy: QuietHoursPolicy, amplifierWarmup: TimeInterval) throws {
        self.store = store
        self.engine = engine
        self.media = media
        self.hub = hub
        self.logger = logger
        self.priorityPolicy = priorityPolicy
        lead = amplifierWarmup + 0.5
        timer = try WallClockTimer()
    }

    /// Takes a new set of schedules (from the registry); the loop installs it at once.
    func install(_ schedules: [SiteSchedule]) {
        lock.withLock { pending = schedules }
        timer.wake()
    }

    /// Changes whether priority programmes play through quiet hours (a configuration reload); airings decided from
    /// now on follow it.
    func setPriorityPolicy(_ policy: QuietHoursPolicy) {
        lock.withLock { pendingPolicy = policy }
        timer.wake()
    }

    /// Ends ``run()``, recording how far it got.
    func stop() {
        lock.withLock { stopped = true }
        timer.wake()
    }

    /// Runs until ``stop()``.
    func run() {
        var planner = SitePlanner(priorityPolicy: priorityPolicy, plannedThrough: restoredPlannedThrough())
        var firstInstall = true
        while true {
            let (isStopped, schedules, policy) = lock.withLock { () -> (Bool, [SiteSchedule]?, QuietHoursPolicy?) in
                defer {
                    pending = nil
                    pendingPolicy = nil
                }
                return (stopped, pending, pendingPolicy)
            }
            if isStopped { break }
            if let policy { planner.priorityPolicy = policy }
            guard schedules != nil || !firstInstall else {
                // Nothing is planned until the registry has handed over the first set, or the catch-up is lost.
                _ = timer.wait(until: nil, longest: 1)
                continue
            }
            if let schedules {
                // At start-up, airings since the last run are caught up; a later change starts from now.
                let since = firstInstall ? planner.plannedThrough : Date()
                firstInstall = false
                install(schedules, into: &planner, since: since)
            }
            let now = Date()
            let due: [SitePlanner.Due]
            do {
                due = try planner.advance(to: now)
            } catch {
                logger.error("cannot plan schedules", metadata: ["error": "\(error)"])
                _ = timer.wait(until: nil, longest: 60)
                continue
            }
            for item in due { handle(item) }
            if !due.isEmpty { persist(planner.plannedThrough) }
            waitForNext(planner.nextDue?.occurrence, now: now)
        }
        if !firstInstall { persist(planner.plannedThrough) }
        logger.info("scheduler stopped")
    }

    // MARK: - Private

    private func install(_ schedules: [SiteSchedule], into planner: inout SitePlanner, since: Date) {
        do {
            try planner.install(schedules.map { ($0.id, $0.schedule, $0.afterConflict) }, since: since)
            current = schedules
            logger.info("schedules in force", metadata: [
                "schedules": "\(schedules.map(\.id).joined(separator: ","))",
                "next": "\(planner.nextDue.map { "\($0.occurrence.programmeID) at \(Timestamps.format($0.occurrence.start))" } ?? "none")",
            ])
        } catch {
            logger.error("cannot install schedules", metadata: ["error": "\(error)"])
        }
    }

    /// Sleeps until the next airing (or its warm-up point), a clock change, or a wake-up.
    private func waitForNext(_ next: Occurrence?, now: Date) {
        guard let next else {
            _ = timer.wait(until: nil, longest: 3_600)
            return
        }
        let warmAt = next.start.addingTimeInterval(-lead)
        let target: Date
        if warmAt > now.addingTimeInterval(0.05) {
            target = warmAt
        } else {
            engine.warmUp(until: next.start.addingTimeInterval(2))
            target = next.start
        }
        if timer.wait(until: target, longest: 3_600) == .clockChanged {
            logger.notice("the wall clock was set; re-planning", metadata: ["now": "\(Timestamps.format(Date()))"])
        }
    }

    private func handle(_ due: SitePlanner.Due) {
        let programme = due.programme
        let start = due.occurrence.start
        let source = "schedule:\(programme.id)"
        let record = try? store.resolveMedia(programme.media)
        switch due.decision {
        case .play(let lateness):
            guard let record else {
                logSkip(due, outcome: .failed, reason: "media '\(programme.media)' is not stored on this site")
                return
            }
            var startBy = start.addingTimeInterval(programme.maxLate)
            if due.afterConflict, let queued = queuedStart(programme, at: start) {
                startBy = queued.addingTimeInterval(programme.maxLate)
            }
            engine.enqueue(PlayoutItem(
                source: source, level: programme.level == .priority ? .priority : .normal,
                mediaPath: media.path(for: record.sha256), mediaSHA256: record.sha256, mediaName: record.name,
                onPreempt: PreemptPolicy(rawValue: programme.onPreempt.rawValue) ?? .resume, plannedAt: start,
                notAfter: startBy.addingTimeInterval(2 * record.durationSeconds), startBy: startBy
            ))
            logger.info("programme due", metadata: [
                "programme": "\(programme.id)", "schedule": "\(due.scheduleID)", "planned": "\(Timestamps.format(start))",
                "late_ms": "\(Int(lateness * 1_000))",
            ])
        case .quietHours:
            logSkip(due, outcome: .skipped, reason: "quiet hours", media: record)
        case .missed(let lateness):
            logSkip(due, outcome: .missed, reason: "missed: \(Int(lateness.rounded())) s late when the daemon could "
                    + "play it (down, or the clock was set); max_late is \(Int(programme.maxLate)) s", media: record)
        }
    }

    /// Where an after-conflict programme can start: after the same-level airings it overlaps.
    private func queuedStart(_ programme: Programme, at start: Date) -> Date? {
        let store = store
        let checker = ConflictChecker(schedules: current.map(\.schedule)) { media in
            (try? store.resolveMedia(media).durationSeconds) ?? 0
        }
        return try? checker.queuedStart(of: programme, at: start, horizon: 86_400)
    }

    /// Writes an airing that will not play to the as-run log and tells Monitor clients.
    private func logSkip(_ due: SitePlanner.Due, outcome: AsRunOutcome, reason: String, media: MediaRecord? = nil) {
        let programme = due.programme
        let level: Site.Level = programme.level == .priority ? .priority : .normal
        do {
            try store.appendAsRun(AsRunEntry(
                plannedAt: due.occurrence.start, level: level == .priority ? .priority : .normal, mediaSHA256: media?.sha256,
                mediaName: media?.name ?? programme.media, source: "schedule:\(programme.id)", outcome: outcome,
                reason: reason, programmeID: programme.id
            ))
        } catch {
            logger.error("cannot write the as-run log", metadata: ["error": "\(error)"])
        }
        hub.publish(Site.Event(
            kind: outcome == .failed ? .failed : .skipped, at: Timestamps.format(Date()),
            level: level, media: media?.name ?? programme.media,
            source: "schedule:\(programme.id)", outcome: Site.Outcome(rawValue: outcome.rawValue), reason: reason
        ))
        logger.notice("programme not aired", metadata: [
            "programme": "\(programme.id)", "planned": "\(Timestamps.format(due.occurrence.start))",
            "outcome": "\(outcome.rawValue)", "reason": "\(reason)",
        ])
    }

    private func restoredPlannedThrough() -> Date {
        let now = Date()
        guard let text = try? store.setting(Self.plannedThroughKey), let seconds = Double(text) else { return now }
        let stored = Date(timeIntervalSince1970: seconds)
        if stored > now { return now }
        return max(stored, now.addingTimeInterval(-Self.longestCatchUp))
    }

    private func persist(_ date: Date) {
        do {
            try store.setSetting(Self.plannedThroughKey, to: String(format: "%.3f", date.timeIntervalSince1970))
        } catch {
            logger.error("cannot record the scheduler's progress", metadata: ["error": "\(error)"])
        }
    }
}
