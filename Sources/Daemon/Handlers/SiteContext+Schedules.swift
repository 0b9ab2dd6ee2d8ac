import BroadcastModel
import ControlProtocol
import Foundation
import Scheduling

extension SiteContext {
    /// Reads the schedules directory again (SIGHUP or ReloadSchedules), tells Monitor clients, and returns the
    /// problems found; files with problems keep their previous version.
    func reloadSchedules(trigger: String) -> [String] {
        let problems = schedules.reload()
        let count = schedules.schedules.count
        var reason = "\(trigger): \(count) schedule\(count == 1 ? "" : "s") in force"
        if !problems.isEmpty { reason += "; \(problems.count) file\(problems.count == 1 ? "" : "s") with problems" }
        let warnings = schedules.scheduleWarnings.count
        if warnings > 0 { reason += "; \(warnings) warning\(warnings == 1 ? "" : "s")" }
        hub.publish(Site.Event(kind: .configReload, at: Timestamps.format(clock.now()), reason: reason))
        return problems
    }

    /// Tells Monitor clients that the schedules changed through the control socket.
    func announceScheduleChange(_ reason: String) {
        hub.publish(Site.Event(kind: .configReload, at: Timestamps.format(clock.now()), reason: reason))
    }

    /// What priority programmes do in quiet hours on this site (`schedules.priority_in_quiet_hours`).
    var priorityPolicy: QuietHoursPolicy {
        configuration.priorityInQuietHours == "play" ? .play : .skip
    }

    /// A schedule as the protocol shows it, with each programme's next airing from now that quiet hours let
    /// through (the scheduler's own gate decides).
    func schedule(_ entry: SiteSchedule) -> Site.Schedule {
        let now = clock.now()
        let policy = priorityPolicy
        let programmes = entry.schedule.programmes.map { programme in
            let next = try? entry.schedule.nextAiring(of: programme.id, after: now, priorityPolicy: policy)
            return Site.Programme(
                id: programme.id, title: programme.title, media: programme.media,
                level: programme.level.level,
                onPreempt: programme.onPreempt,
                next: next.map { Timestamps.format($0.start) }, text: programme.text?.excerpt(),
                stream: programme.stream?.urls, durationSeconds: programme.stream?.duration
            )
        }
        return Site.Schedule(id: entry.id, timeZone: entry.schedule.timezone, origin: entry.origin,
                             programmes: programmes, updated: Timestamps.format(entry.updated),
                             quietHours: entry.schedule.quietHours?.description)
    }

    /// The next `count` airings of one schedule, each marked when quiet hours will skip it.
    func upcoming(_ entry: SiteSchedule, count: Int) -> [Site.Occurrence] {
        let now = clock.now()
        let airings = (try? entry.schedule.preview(count: count, after: now, priorityPolicy: priorityPolicy)) ?? []
        return airings.map {
            Site.Occurrence(programme: $0.occurrence.programmeID, at: Timestamps.format($0.occurrence.start),
                            level: $0.occurrence.level.level,
                            skipped: $0.airs ? nil : entry.schedule.quietHoursReason)
        }
    }
}
