import Foundation
import Scheduling
import Store

/// What the site finds wrong with schedules it keeps in force anyway (issue 11): programmes whose media it does not
/// hold, and same-level clashes of the schedule files with each other or with added schedules. An added schedule
/// with such problems is refused when it is added; a file in the schedules directory is the operator's own and stays
/// in force, so these are reported instead, in words that name the file, the programme and what to do.
enum ScheduleWarnings {
    /// Every warning for the schedules in force, missing media first, then clashes in file order.
    static func find(files: [SiteSchedule], added: [SiteSchedule], store: Store, now: Date) -> [String] {
        let files = files.sorted { $0.id < $1.id }
        let added = added.sorted { $0.id < $1.id }
        var found = (added + files).flatMap {
            missingMedia(in: $0.schedule, named: $0.path ?? "schedule '\($0.id)'", store: store,
                         advice: "it does not air until the media is uploaded (communecast media upload FILE --name "
                            + "NAME)")
        }
        do {
            let clashes = try ConflictChecker.clashes(
                among: files.map { ($0.path ?? $0.id, $0.schedule) },
                settled: added.map { ("schedule '\($0.id)' (added)", $0.schedule) }, now: now,
                duration: durations(of: (added + files).map(\.schedule), store: store)
            )
            found += clashes.map { "\($0); both stay in force, and at air time one waits for the other, within its "
                + "max_late" }
        } catch {
            found.append("the schedule files cannot be checked for clashes: \(error)")
        }
        return found
    }

    /// One line per programme of `schedule` whose media the site does not hold, naming `name` (a file or a
    /// schedule), the programme and the media, followed by `advice`.
    static func missingMedia(in schedule: Schedule, named name: String, store: Store, advice: String) -> [String] {
        schedule.programmes.compactMap { programme in
            do {
                _ = try store.resolveMedia(programme.media)
                return nil
            } catch StoreError.notFound {
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
