import Foundation
import Logging
import Scheduling
import Store

/// What the site finds wrong with schedules it keeps in force anyway (issue 11): programmes whose media it does not
/// hold, and same-level clashes of the schedule files with each other or with added schedules. An added schedule
/// with such problems is refused when it is added; a file in the schedules directory is the operator's own and stays
/// in force, so these are reported instead, in words that name the file, the programme and what to do.
enum ScheduleWarnings {
    /// The programmes in force whose media the site does not hold: added schedules first, then files, by name.
    static func missingMedia(files: [SiteSchedule], added: [SiteSchedule], store: Store) -> [String] {
        var held: [String: Bool] = [:]
        return (added.sorted { $0.id < $1.id } + files.sorted { $0.id < $1.id }).flatMap { entry in
            missingMedia(in: entry.schedule, named: entry.path ?? "schedule '\(entry.id)'", store: store,
                         advice: "it does not air until the media is uploaded (communecast media upload FILE --name "
                            + "NAME)", held: &held)
        }
    }

    /// The same-level clashes of the schedule files with each other and with added schedules, in file order.
    static func clashes(files: [SiteSchedule], added: [SiteSchedule], store: Store, now: Date) -> [String] {
        let files = files.sorted { $0.id < $1.id }
        let added = added.sorted { $0.id < $1.id }
        do {
            let clashes = try ConflictChecker.clashes(
                among: files.map { ($0.path ?? $0.id, $0.schedule) },
                settled: added.map { ("schedule '\($0.id)' (added)", $0.schedule) }, now: now,
                duration: durations(of: (added + files).map(\.schedule), store: store)
            )
            return clashes.map { "\($0); both stay in force, and at air time one waits for the other, within its "
                + "max_late" }
        } catch {
            return ["the schedule files cannot be checked for clashes: \(error)"]
        }
    }

    /// Logs every warning of `found` (`logAll`, for a reload) or those not in `previous`, and those of `previous`
    /// that went.
    static func log(_ found: [String], previous: [String], logAll: Bool, logger: Logger) {
        let before = Set(previous)
        let after = Set(found)
        for warning in found where logAll || !before.contains(warning) {
            logger.warning("schedule warning", metadata: ["warning": "\(warning)"])
        }
        for gone in previous where !after.contains(gone) {
            logger.notice("schedule warning resolved", metadata: ["warning": "\(gone)"])
        }
    }

    /// One line per programme of `schedule` whose media the site does not hold, naming `name` (a file or a
    /// schedule), the programme and the media, followed by `advice`.
    static func missingMedia(in schedule: Schedule, named name: String, store: Store, advice: String) -> [String] {
        var held: [String: Bool] = [:]
        return missingMedia(in: schedule, named: name, store: store, advice: advice, held: &held)
    }

    /// As ``missingMedia(in:named:store:advice:)``, looking each medium up once across calls through `held`.
    private static func missingMedia(in schedule: Schedule, named name: String, store: Store, advice: String,
                                     held: inout [String: Bool]) -> [String] {
        schedule.programmes.compactMap { programme in
            // A relay has no stored media; its URLs are checked when it airs.
            if programme.stream != nil || held[programme.media] == true { return nil }
            do {
                _ = try store.resolveMedia(programme.media)
                held[programme.media] = true
                return nil
            } catch StoreError.notFound {
                held[programme.media] = false
                return "\(name): programme '\(programme.id)': media '\(programme.media)' is not stored on this site; "
                    + advice
            } catch {
                return "\(name): programme '\(programme.id)': media '\(programme.media)': \(error); " + advice
            }
        }
    }

    /// Each medium's playing time, looked up once for the programmes of `schedules`: the conflict checker asks for
    /// every programme many times. Media the site does not hold cannot air, so it occupies no airtime.
    static func durations(of schedules: [Schedule], store: Store) -> @Sendable (String) -> TimeInterval? {
        var table: [String: TimeInterval] = [:]
        for programme in schedules.flatMap(\.programmes) where table[programme.media] == nil {
            table[programme.media] = (try? store.resolveMedia(programme.media).durationSeconds) ?? 0
        }
        let durations = table
        return { durations[$0] ?? 0 }
    }
}
