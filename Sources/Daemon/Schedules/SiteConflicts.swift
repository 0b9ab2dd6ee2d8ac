import Foundation
import Scheduling
import Store

/// What a schedule added through the control socket is checked against — every programme id in force and a year of
/// same-level airings — kept up to date as schedules come and go, so that adding a schedule costs time in proportion
/// to its own programmes, not to the site's (issue 12: 250 programmes took 69 s on top of 2,700).
///
/// It is built from the schedules in force at one instant and serves for ``margin`` after it: the airings it holds
/// run a year and that margin ahead, so a check made within the margin still sees a whole year. The registry builds a
/// new one in the background once a day, after media changes, and when removed schedules pile up.
struct SiteConflicts {
    /// How long after it is built an index still covers a whole year ahead.
    static let margin: TimeInterval = 7 * 86_400
    /// How far back the index reaches, so an airing already on air at the time of a check is seen: longer than any
    /// medium a site stores.
    static let lookBack: TimeInterval = 86_400

    /// When it was built.
    let builtAt: Date
    /// Every programme in force, by id: the schedule it belongs to.
    private(set) var owners: [String: String] = [:]
    /// The programme ids of each schedule in force.
    private var programmes: [String: [String]] = [:]
    /// The airings of every programme in force.
    private var index: AiringIndex
    /// Each medium's playing time, by the name or sha256 the schedules give; 0 for media the site does not hold.
    private var durations: [String: TimeInterval] = [:]

    /// The check one schedule is about to pass, made by ``admit(_:as:now:store:)``.
    struct Admission {
        /// The first clash of each of its programmes with the other schedules or its own earlier programmes.
        let clashes: [ScheduleClash]
        fileprivate let receipts: [AiringIndex.Receipt]
        fileprivate let marker: Int
    }

    /// Files every programme of `schedules` as of `now`.
    init(schedules: [SiteSchedule], store: Store, now: Date) {
        builtAt = now
        index = AiringIndex(window: (now - Self.lookBack)..<(now + ConflictChecker.defaultHorizon + Self.margin))
        for entry in schedules {
            guard let zone = try? entry.schedule.zone() else { continue }
            for programme in entry.schedule.programmes {
                let length = programme.stream?.duration ?? duration(of: programme.media, store: store, fresh: false)
                index.insert(schedule: entry.id, programme: programme, zone: zone, length: length)
            }
            record(entry.schedule, as: entry.id)
        }
    }

    /// How many programmes are in force.
    var programmeCount: Int { owners.count }

    /// Whether a check at `now` still sees a year ahead.
    func covers(_ now: Date) -> Bool {
        now >= builtAt && now <= builtAt + Self.margin
    }

    /// Whether building a new index is worth its cost: it is a day old, or most of what it holds was removed.
    func isStale(at now: Date) -> Bool {
        now >= builtAt + 86_400 || index.removedCount > max(10_000, index.count / 2)
    }

    /// The programmes of `schedule` whose ids another schedule than `name` already uses.
    func programmeIDClashes(_ schedule: Schedule, as name: String) -> [String] {
        schedule.programmes.compactMap { programme in
            owners[programme.id].flatMap { $0 == name ? nil : $0 }.map {
                "programme id '\(programme.id)' is already used by schedule '\($0)'; programme ids are unique per site"
            }
        }
    }

    /// How many programmes are in force in schedules other than `name`.
    func programmeCount(excluding name: String) -> Int {
        owners.count - (programmes[name]?.count ?? 0)
    }

    /// Checks `schedule`, to be added as `name` (replacing any schedule of that name), against every other schedule
    /// in force and its own earlier programmes, over the year from `now`, and files its airings. Follow it with
    /// ``commit(_:_:as:)`` or ``rollback(_:)`` before anything else changes the index.
    mutating func admit(_ schedule: Schedule, as name: String, now: Date, store: Store) throws -> Admission {
        let zone = try schedule.zone()
        let marker = index.ownerCount
        var receipts: [AiringIndex.Receipt] = []
        var clashes: [ScheduleClash] = []
        let horizon = now..<(now + ConflictChecker.defaultHorizon)
        var lookedUp: Set<String> = []
        for programme in schedule.programmes {
            let length = programme.stream?.duration
                ?? duration(of: programme.media, store: store, fresh: lookedUp.insert(programme.media).inserted)
            let end = ConflictChecker.boundedEnd(of: programme, zone: zone, now: now, end: horizon.upperBound)
            let candidates = programme.occurrences(in: now..<end, zone: zone)
            if let (occurrence, clash) = index.firstOverlap(
                of: candidates, lasting: length, level: programme.level, excludingProgramme: programme.id,
                excludingSchedule: name, before: marker
            ) {
                let conflict = ScheduleConflict(
                    programmeID: programme.id, start: occurrence.start, otherProgrammeID: clash.programmeID,
                    otherStart: clash.start, otherEnd: clash.end, timeZoneIdentifier: schedule.timezone
                )
                clashes.append(ScheduleClash(schedule: name, otherSchedule: clash.schedule, conflict: conflict))
            }
            receipts.append(index.insert(schedule: name, programme: programme, zone: zone, length: length))
        }
        return Admission(clashes: clashes, receipts: receipts, marker: marker)
    }

    /// Keeps an admitted schedule: the earlier schedule of that name, if any, stops counting.
    mutating func commit(_ admission: Admission, _ schedule: Schedule, as name: String) {
        index.remove(schedule: name, before: admission.marker)
        forget(name)
        record(schedule, as: name)
    }

    /// Takes back an admitted schedule that was refused.
    mutating func rollback(_ admission: Admission) {
        index.undo(admission.receipts)
    }

    /// Forgets the schedule `name` (removed through the control socket).
    mutating func remove(_ name: String) {
        index.remove(schedule: name, before: index.ownerCount)
        forget(name)
    }

    /// The playing time of `media`, looked up in the store unless known (always when `fresh`: the media of a
    /// schedule being added may have been uploaded since).
    private mutating func duration(of media: String, store: Store, fresh: Bool) -> TimeInterval {
        if !fresh, let known = durations[media] { return known }
        let seconds = (try? store.resolveMedia(media).durationSeconds) ?? 0
        durations[media] = seconds
        return seconds
    }

    private mutating func record(_ schedule: Schedule, as name: String) {
        let ids = schedule.programmes.map(\.id)
        programmes[name] = ids
        for id in ids where owners[id] == nil { owners[id] = name }
    }

    private mutating func forget(_ name: String) {
        for id in programmes.removeValue(forKey: name) ?? [] where owners[id] == name {
            owners.removeValue(forKey: id)
        }
    }
}
