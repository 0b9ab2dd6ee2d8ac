import Foundation
import Scheduling
import YAMLSupport

/// What is legal in a schedule file but almost certainly not what its author meant: programmes that quiet hours
/// silence every time, and programmes that have ended. `schedule check` prints them as warnings, located like
/// errors, and still accepts the file.
public enum ScheduleFileWarnings {
    /// The warnings for `schedule`, parsed from `text` (which gives the lines), as of `now`. `priorityPolicy` is the
    /// site's `schedules.priority_in_quiet_hours`; quiet hours are judged by the gate the daemon uses.
    public static func check(
        _ schedule: Schedule, text: String, file: String, now: Date, priorityPolicy: QuietHoursPolicy
    ) -> [YAMLIssue] {
        let root = YAMLMap.parse(text, file: file, collector: YAMLCollector())
        let items = root.maps("programmes")
        func located(_ programmeID: String, _ key: String, _ problem: String) -> YAMLIssue {
            let index = schedule.programmes.firstIndex { $0.id == programmeID } ?? 0
            let item = index < items.count ? items[index] : nil
            let path = "programmes[\(index)].\(key)"
            return YAMLIssue(file: file, line: item?.line(of: key), key: path, problem: problem)
        }
        var warnings: [YAMLIssue] = []
        let finished = (try? schedule.finishedProgrammes(after: now)) ?? []
        let today = try? schedule.localDate(at: now)
        for id in finished {
            guard let programme = schedule.programme(id: id) else { continue }
            if let until = programme.until, let today, until < today {
                warnings.append(located(id, "until", "\(until) has passed; programme '\(id)' never airs again"))
            } else {
                let key = programme.recurrence.isRule ? "rrule" : "at"
                warnings.append(located(id, key, "programme '\(id)' has no airings after now"))
            }
        }
        let silenced = (try? schedule.silencedByQuietHours(after: now, priorityPolicy: priorityPolicy)) ?? []
        for programme in silenced where !finished.contains(programme.programmeID) {
            let key = schedule.programme(id: programme.programmeID)?.recurrence.isRule == true ? "rrule" : "at"
            let times = programme.times.map(\.description).joined(separator: ", ")
            let quiet = schedule.quietHoursReason
            let problem = programme.never
                ? "every airing of programme '\(programme.programmeID)' (\(times)) falls in \(quiet): it never airs"
                : "programme '\(programme.programmeID)' at \(times) falls in \(quiet): "
                    + "\(programme.times.count == 1 ? "that airing is" : "those airings are") always skipped"
            warnings.append(located(programme.programmeID, key, problem))
        }
        return warnings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}

extension Recurrence {
    /// Whether this is the `rrule:` form (as opposed to `days:` with `at:`), to point a warning at the right key.
    var isRule: Bool {
        if case .rrule = self { return true }
        return false
    }
}
