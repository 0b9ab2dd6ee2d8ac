import BroadcastModel
import ControlProtocol
import Foundation
import HostSystem
import Logging
import Playout
import Scheduling
import Store
import Synchronization

/// Puts scheduled programmes on air at their second (DESIGN §6, issue 4).
///
/// It runs on its own thread and sleeps in a ``WallClockTimer`` until the next airing. Shortly before it (the
/// amplifier's warm-up plus a margin) it asks the engine to warm the amplifier, then sleeps again until the exact
/// instant and hands the programme to the engine, which starts it at once unless something of a higher or the
/// same level is on air. When the wall clock is set, the wait ends and it re-plans from the new time; airings the
/// clock jumped over, or that fell due while the daemon was down, are played if they are within `max_late` and
/// otherwise logged as missed. Skips for quiet hours and misses go to the as-run log with the programme id and the
/// planned time, like airings do.
///
/// Each airing handed to the engine is also written down (``handedOverKey``) until it is a day old. If the daemon
/// dies before the engine has finished it, whether it was still queued behind an alert or on air, the as-run log
/// has no final entry for it; the next start offers it again while its `max_late` allows, and logs it missed after.
final class SiteScheduler: Sendable {
    /// The settings key of the last instant handled, so a restart can tell what it missed.
    static let plannedThroughKey = "scheduler.planned_through"
    /// After a long outage, only this much of the past is reported as missed.
    static let longestCatchUp: TimeInterval = 7 * 86_400
    /// The longest the scheduler sleeps before looking at the clock again, so that a clock step the kernel does not
    /// report (see ``WallClockTimer``) is noticed within this time.
    static let longestSleep: TimeInterval = 10
    /// The settings key of the airings handed to the engine in the last day (JSON), so a restart can tell which of
    /// them never finished.
    static let handedOverKey = "scheduler.handed_over"

    /// One airing given to the engine, as remembered across a restart.
    struct HandedOver: Codable, Equatable {
        /// The schedule and programme ids.
        var schedule: String
        var programme: String
        /// The planned instant and the latest start, in Unix seconds.
        var planned: Double
        var startBy: Double
    }

    /// What another thread has handed the loop since its last turn.
    private struct Inbox {
        /// A new set of schedules (from the registry) to install.
        var schedules: [SiteSchedule]?
        /// A new quiet-hours policy for priority programmes (a configuration reload).
        var policy: QuietHoursPolicy?
        var stopped = false
    }

    private let store: Store
    private let engine: PlayoutEngine
    private let media: MediaLibrary
    private let hub: MonitorHub
    private let logger: Logger
    private let priorityPolicy: QuietHoursPolicy
    /// The site's one wall clock: what is due, and the times in the as-run log.
    private let clock: any Clock
    /// How relay programmes read their streams; a reload replaces it.
    private let streams: Mutex<StreamSettings>
    /// How long before an airing the amplifier is switched on.
    private let lead: TimeInterval
    private let timer: WallClockTimer
    /// What other threads hand the loop, taken at its next turn.
    private let inbox = Mutex(Inbox())
    /// The scheduler thread's own working state; only that thread touches it, so the lock is never contended.
    private let working = Mutex(Working())

    /// The schedules installed last, and the airings of the last day handed to the engine.
    private struct Working {
        var current: [SiteSchedule] = []
        var handedOver: [HandedOver] = []
    }

    init(store: Store, engine: PlayoutEngine, media: MediaLibrary, hub: MonitorHub, clock: any Clock, logger: Logger,
         priorityPolicy: QuietHoursPolicy, amplifierWarmup: TimeInterval, streams: StreamSettings = StreamSettings())
        throws {
        self.streams = Mutex(streams)
        self.store = store
        self.clock = clock
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
        inbox.withLock { $0.schedules = schedules }
        timer.wake()
    }

    /// Changes whether priority programmes play through quiet hours (a configuration reload); airings decided from
    /// now on follow it.
    func setPriorityPolicy(_ policy: QuietHoursPolicy) {
        inbox.withLock { $0.policy = policy }
        timer.wake()
    }

    /// Takes reloaded stream settings for the relay programmes that air from now on.
    func setStreamSettings(_ settings: StreamSettings) {
        streams.withLock { $0 = settings }
    }

    /// Ends ``run()``, recording how far it got.
    func stop() {
        inbox.withLock { $0.stopped = true }
        timer.wake()
    }

    /// Runs until ``stop()``.
    func run() {
        var planner = SitePlanner(priorityPolicy: priorityPolicy, plannedThrough: restoredPlannedThrough())
        var firstInstall = true
        while true {
            let (isStopped, schedules, policy) = inbox.withLock { inbox in
                defer {
                    inbox.schedules = nil
                    inbox.policy = nil
                }
                return (inbox.stopped, inbox.schedules, inbox.policy)
            }
            if isStopped { break }
            if let policy { planner.priorityPolicy = policy }
            guard schedules != nil || !firstInstall else {
                // Nothing is planned until the registry has handed over the first set, or the catch-up is lost.
                _ = timer.wait(until: nil, longest: 1)
                continue
            }
            var recovered = false
            if let schedules {
                // At start-up, airings since the last run are caught up; a later change starts from now.
                let since = firstInstall ? planner.plannedThrough : clock.now()
                install(schedules, into: &planner, since: since)
                if firstInstall {
                    recoverUnfinished()
                    recovered = true
                }
                firstInstall = false
            }
            let now = clock.now()
            let due: [SitePlanner.Due]
            do {
                due = try planner.advance(to: now)
            } catch {
                logger.error("cannot plan schedules", metadata: ["error": "\(error)"])
                _ = timer.wait(until: nil, longest: 60)
                continue
            }
            for item in due { handle(item) }
            if !due.isEmpty || recovered { persist(planner.plannedThrough, now: now) }
            waitForNext(planner.nextDue, quiet: planner.nextDueFallsInQuietHours, now: now)
        }
        if !firstInstall { persist(planner.plannedThrough, now: clock.now()) }
        logger.info("scheduler stopped")
    }

    // MARK: - Private

    private func install(_ schedules: [SiteSchedule], into planner: inout SitePlanner, since: Date) {
        do {
            try planner.install(schedules.map { ($0.id, $0.schedule, $0.afterConflict) }, since: since)
            working.withLock { $0.current = schedules }
            logger.info("schedules in force", metadata: [
                "schedules": "\(schedules.map(\.id).joined(separator: ","))",
                "next": "\(planner.nextDue.map { "\($0.occurrence.programmeID) at \(Timestamps.format($0.occurrence.start))" } ?? "none")",
            ])
        } catch {
            logger.error("cannot install schedules", metadata: ["error": "\(error)"])
        }
    }

    /// Sleeps until the next airing (or its warm-up point), a clock change, or a wake-up. The amplifier is warmed
    /// only for an airing that can play: one whose media the site does not hold is logged as failed at its time,
    /// and one that quiet hours skip (`quiet`) is logged as skipped, without switching the loudspeakers on.
    private func waitForNext(_ due: (occurrence: Occurrence, programme: Programme)?, quiet: Bool, now: Date) {
        guard let next = due?.occurrence, let programme = due?.programme else {
            if timer.wait(until: nil, longest: Self.longestSleep) == .clockChanged { noteClockChange() }
            return
        }
        let warmAt = next.start.addingTimeInterval(-lead)
        let target: Date
        if warmAt > now.addingTimeInterval(0.05) {
            target = warmAt
        } else {
            if !quiet, programme.stream != nil || (try? store.resolveMedia(programme.media)) != nil {
                engine.warmUp(until: next.start.addingTimeInterval(2))
            }
            target = next.start
        }
        if timer.wait(until: target, longest: Self.longestSleep) == .clockChanged { noteClockChange() }
    }

    private func noteClockChange() {
        logger.notice("the wall clock was set; re-planning", metadata: ["now": "\(Timestamps.format(clock.now()))"])
    }

    private func handle(_ due: SitePlanner.Due) {
        let programme = due.programme
        let start = due.occurrence.start
        let record = programme.stream == nil ? try? store.resolveMedia(programme.media) : nil
        switch due.decision {
        case .play(let lateness):
            guard record != nil || programme.stream != nil else {
                logSkip(programme, planned: start, outcome: .failed,
                        reason: "media '\(programme.media)' is not stored on this site")
                return
            }
            var startBy = start.addingTimeInterval(programme.maxLate)
            if due.afterConflict, let queued = queuedStart(programme, at: start) {
                startBy = queued.addingTimeInterval(programme.maxLate)
            }
            enqueue(programme, of: due.scheduleID, media: record, plannedAt: start, startBy: startBy)
            logger.info("programme due", metadata: [
                "programme": "\(programme.id)", "schedule": "\(due.scheduleID)", "planned": "\(Timestamps.format(start))",
                "late_ms": "\(Int(lateness * 1_000))",
            ])
        case .quietHours:
            logSkip(programme, planned: start, outcome: .skipped, reason: "quiet hours", media: record)
        case .missed(let lateness):
            logSkip(programme, planned: start, outcome: .missed,
                    reason: "missed: \(Int(lateness.rounded())) s late when the daemon could play it (down, or the "
                        + "clock was set); max_late is \(Int(programme.maxLate)) s", media: record)
        }
    }

    /// Hands one airing to the engine and remembers it until it is a day old.
    private func enqueue(_ programme: Programme, of scheduleID: String, media record: MediaRecord?,
                         plannedAt start: Date, startBy: Date) {
        if let stream = programme.stream {
            let settings = streams.withLock { $0 }
            do {
                let configuration = try settings.configuration(stream.urls, store: store, media: media)
                engine.enqueue(PlayoutItem(
                    source: .schedule(programme: programme.id), level: programme.level.level, mediaPath: nil,
                    mediaName: stream.name, onPreempt: programme.onPreempt, plannedAt: start,
                    notAfter: startBy.addingTimeInterval(2 * stream.duration), startBy: startBy,
                    stream: configuration, durationSeconds: stream.duration
                ))
            } catch {
                logSkip(programme, planned: start, outcome: .failed, reason: "\(error)")
                return
            }
        } else if let record {
            engine.enqueue(PlayoutItem(
                source: .schedule(programme: programme.id), level: programme.level.level,
                mediaPath: media.path(for: record.sha256), mediaSHA256: record.sha256, mediaName: record.name,
                onPreempt: programme.onPreempt, plannedAt: start,
                notAfter: startBy.addingTimeInterval(2 * record.durationSeconds), startBy: startBy
            ))
        } else {
            return
        }
        let airing = HandedOver(schedule: scheduleID, programme: programme.id, planned: start.timeIntervalSince1970,
                                startBy: startBy.timeIntervalSince1970)
        working.withLock { $0.handedOver.append(airing) }
    }

    /// At start-up: offers again the airings the last run handed to the engine that have no final as-run entry
    /// (queued, or on air and now marked interrupted, when the daemon died). One whose latest start has passed is
    /// logged missed, unless it had started (its interrupted entry already tells the story).
    private func recoverUnfinished() {
        let remembered = restoredHandedOver()
        let current = working.withLock { working in
            working.handedOver = []
            return working.current
        }
        let now = clock.now()
        for airing in remembered {
            let planned = Date(timeIntervalSince1970: airing.planned)
            // Unreadable counts as accounted for: playing an airing twice would be worse than not at all.
            let outcomes = (try? store.asRunOutcomes(programmeID: airing.programme, plannedAt: planned)) ?? [.aired]
            if outcomes.contains(where: { $0 != .interrupted }) {
                working.withLock { $0.handedOver.append(airing) }
                continue
            }
            let entry = current.first { $0.id == airing.schedule }
            guard let programme = entry?.schedule.programme(id: airing.programme) else {
                logger.notice("an unfinished airing's programme is no longer scheduled", metadata: [
                    "programme": "\(airing.programme)", "planned": "\(Timestamps.format(planned))",
                ])
                continue
            }
            let startBy = Date(timeIntervalSince1970: airing.startBy)
            let record = programme.stream == nil ? try? store.resolveMedia(programme.media) : nil
            if now <= startBy, record != nil || programme.stream != nil {
                logger.notice("offering again an airing the daemon did not finish before it stopped", metadata: [
                    "programme": "\(programme.id)", "planned": "\(Timestamps.format(planned))",
                ])
                enqueue(programme, of: airing.schedule, media: record, plannedAt: planned, startBy: startBy)
            } else if outcomes.isEmpty {
                logSkip(programme, planned: planned, outcome: .missed, reason: "missed: it was waiting to air when "
                        + "the daemon stopped, and its max_late of \(Int(programme.maxLate)) s passed before the "
                        + "daemon was back", media: record)
            }
        }
    }

    /// Where an after-conflict programme can start: after the same-level airings it overlaps.
    private func queuedStart(_ programme: Programme, at start: Date) -> Date? {
        let store = store
        let schedules = working.withLock { $0.current.map(\.schedule) }
        let checker = ConflictChecker(schedules: schedules) { media in
            (try? store.resolveMedia(media).durationSeconds) ?? 0
        }
        return try? checker.queuedStart(of: programme, at: start, horizon: 86_400)
    }

    /// Writes an airing that will not play to the as-run log and tells Monitor clients.
    private func logSkip(_ programme: Programme, planned: Date, outcome: AsRunOutcome, reason: String,
                         media: MediaRecord? = nil) {
        let level = programme.level.level
        do {
            try store.appendAsRun(AsRunEntry(
                plannedAt: planned, level: level, mediaSHA256: media?.sha256,
                mediaName: media?.name ?? programme.media, source: ItemSource.schedule(programme: programme.id).description, outcome: outcome,
                reason: reason, programmeID: programme.id, textSHA256: media?.textSHA256
            ))
        } catch {
            logger.error("cannot write the as-run log", metadata: ["error": "\(error)"])
        }
        hub.publish(Site.Event(
            kind: outcome == .failed ? .failed : .skipped, at: Timestamps.format(clock.now()),
            level: level, media: media?.name ?? programme.media,
            source: ItemSource.schedule(programme: programme.id).description, outcome: outcome, reason: reason
        ))
        logger.log(level: outcome == .failed ? .error : .notice, "programme not aired", metadata: [
            "programme": "\(programme.id)", "planned": "\(Timestamps.format(planned))",
            "outcome": "\(outcome.rawValue)", "reason": "\(reason)",
        ])
    }

    private func restoredPlannedThrough() -> Date {
        let now = clock.now()
        guard let text = try? store.setting(Self.plannedThroughKey), let seconds = Double(text) else { return now }
        let stored = Date(timeIntervalSince1970: seconds)
        if stored > now { return now }
        return max(stored, now.addingTimeInterval(-Self.longestCatchUp))
    }

    private func restoredHandedOver() -> [HandedOver] {
        guard let text = try? store.setting(Self.handedOverKey), let data = text.data(using: .utf8) else { return [] }
        do {
            return try JSONDecoder().decode([HandedOver].self, from: data)
        } catch {
            logger.error("cannot read the airings handed over before the restart", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Records how far planning got and the airings of the last day handed to the engine.
    private func persist(_ date: Date, now: Date) {
        let handedOver = working.withLock { working in
            working.handedOver.removeAll { $0.planned < now.timeIntervalSince1970 - 86_400 }
            return working.handedOver
        }
        do {
            // Together: an airing remembered as handed over is never also re-planned by the catch-up.
            let list = String(decoding: try JSONEncoder().encode(handedOver), as: UTF8.self)
            try store.setSettings([(Self.handedOverKey, list),
                                   (Self.plannedThroughKey, String(format: "%.3f", date.timeIntervalSince1970))])
        } catch {
            logger.error("cannot record the scheduler's progress", metadata: ["error": "\(error)"])
        }
    }
}
