import Foundation
import Scheduling

extension ScheduleCheckCommand {
    /// How long `check` takes each airing to last: it has no media, only the files, so it finds programmes of one
    /// level that start together; the site, which knows each medium's length, also reports those that overlap later.
    static let assumedAiringSeconds: TimeInterval = 1

    /// Warnings for files that are valid one by one but not together, as a site would load them from its schedules
    /// directory: a programme id used in two files (the site leaves the second file out), and same-level programmes
    /// that air at once (the site keeps both and reports the clash).
    static func warnings(for files: [(name: String, schedule: Schedule)], now: Date) -> [String] {
        var owners: [String: String] = [:]
        var warnings: [String] = []
        for (name, schedule) in files {
            for programme in schedule.programmes {
                if let owner = owners[programme.id], owner != name {
                    warnings.append("\(name): programme id '\(programme.id)' is also in \(owner); programme ids are "
                                    + "unique per site, so a site leaves \(name) out")
                } else {
                    owners[programme.id] = name
                }
            }
        }
        do {
            let clashes = try ConflictChecker.clashes(among: files, now: now) { _ in assumedAiringSeconds }
            warnings += clashes.map { "\($0); a site keeps both, and at air time one waits for the other" }
        } catch {
            warnings.append("the files cannot be checked for clashes: \(error)")
        }
        return warnings
    }
}
