import BroadcastModel
import ControlProtocol
import Foundation
import Logging
import ScheduleFormat
import Scheduling
import Store
import Synchronization
import YAMLSupport

/// A schedule in force at the site.
struct SiteSchedule: Sendable, Equatable {
    /// Its name: the file name without `.yaml`, or the name given to AddSchedule.
    let id: String
    /// The file's path, or nil for a schedule added through the control socket (kept in the store).
    let path: String?
    /// The YAML text, as written.
    let yaml: String
    /// The parsed schedule.
    let schedule: Schedule
    /// When it last changed.
    let updated: Date
    /// Accepted despite same-level clashes, to be queued after the airings it overlaps.
    let afterConflict: Bool

    /// `added`, or the file's path, as the protocol's `origin` shows it.
    var origin: String { path ?? "added" }
}

/// Every schedule the site follows: the files of its schedules directory and the schedules added through the
/// control socket (persisted in the store). It checks what the Scheduling module cannot see from one file — names
/// and programme ids unique across the site, media that exist, clashes with other schedules, the limits on
/// programmes — and hands each new set to the scheduler.
///
/// Adding a schedule costs time in proportion to its own programmes (issue 12): it is checked against a
/// ``SiteConflicts`` kept up to date, and what must look at every schedule (the clash warnings of the files, a new
/// index once a day or after media changes) is done afterwards, in the background, on the same ``SerialWork`` queue
/// that runs the control socket's changes, so it never overlaps one and never holds up a call.
final class ScheduleRegistry: Sendable {
    /// The directory of `*.yaml` files (DESIGN §1).
    let directory: String
    private let store: Store
    /// Where text programmes are rendered and kept; nil on a registry that cannot speak.
    let media: MediaLibrary?
    private let logger: Logger
    /// The site's one wall clock: the day the conflict index and the clash warnings start from.
    private let clock: any Clock
    /// Where AddSchedule, RemoveSchedule and ReloadSchedules run, one at a time, and the background upkeep.
    let work: SerialWork
    /// Serialises changes (a reload and an AddSchedule never interleave) and holds what an added schedule is checked
    /// against, nil until built. Held for the whole of a change.
    private let changes = Mutex<SiteConflicts?>(nil)
    /// The tables readers see; held only to read or replace them, never across a change's work.
    private let tables: Mutex<Tables>

    /// What the handlers, health and the scheduler read, and what a change replaces.
    private struct Tables {
        var files: [String: LoadedSchedule] = [:]
        var added: [String: SiteSchedule] = [:]
        var inForce: [SiteSchedule] = []
        var missingMediaWarnings: [String] = []
        var clashWarnings: [String] = []
        var limits: ScheduleLimits
        /// What the queued upkeep must do; nil when none is queued.
        var upkeep: Upkeep?
        var onChange: @Sendable ([SiteSchedule]) -> Void = { _ in }
        var onWarnings: @Sendable ([String]) -> Void = { _ in }
    }

    /// The background work a change leaves to do.
    struct Upkeep: OptionSet {
        let rawValue: Int
        /// Work out the clash warnings of the files again.
        static let clashWarnings = Upkeep(rawValue: 1)
        /// Build the ``SiteConflicts`` again (a day old, media changed, many schedules removed).
        static let conflicts = Upkeep(rawValue: 2)
    }

    init(
        directory: String, store: Store, limits: ScheduleLimits, work: SerialWork, clock: any Clock, logger: Logger,
        media: MediaLibrary? = nil
    ) {
        self.directory = directory
        self.clock = clock
        self.store = store
        self.media = media
        tables = Mutex(Tables(limits: limits))
        self.work = work
        self.logger = logger
    }

    /// Takes new limits (a configuration reload); schedules already in force stay.
    func setLimits(_ limits: ScheduleLimits) {
        tables.withLock { $0.limits = limits }
    }

    /// Who to tell when the set in force changes (the scheduler); set once before loading.
    func setChangeHandler(_ handler: @escaping @Sendable ([SiteSchedule]) -> Void) {
        tables.withLock { $0.onChange = handler }
    }

    /// Who to tell the warnings each time they are worked out (health); set once before loading.
    func setWarningsHandler(_ handler: @escaping @Sendable ([String]) -> Void) {
        tables.withLock { $0.onWarnings = handler }
    }

    /// The schedules in force, by id.
    var schedules: [SiteSchedule] {
        tables.withLock { $0.inForce }
    }

    /// Why programmes in force will not air as written: media the site does not hold, and same-level clashes of the
    /// schedule files with each other or with added schedules. The files stay in force; health and ReloadSchedules
    /// show these, and the log has each when it appears.
    var scheduleWarnings: [String] {
        tables.withLock { $0.missingMediaWarnings + $0.clashWarnings }
    }

    /// Media was uploaded or removed: works out again at once which programmes lack media, logging the warnings that
    /// appear or go, and leaves the clashes (which depend on the media's durations) to the background.
    func mediaChanged() {
        changes.withLock { _ in
            refreshMissingMediaLocked(logAll: false)
            queueUpkeep([.clashWarnings, .conflicts])
        }
    }

    /// The schedule with this id, or NotFound.
    func schedule(id: String) throws -> SiteSchedule {
        guard let found = schedules.first(where: { $0.id == id }) else {
            throw VarlinkError.notFound(what: "schedule", name: id)
        }
        return found
    }

    /// Loads the added schedules from the store and reads the directory; returns the problems found.
    @discardableResult
    func load() -> [String] {
        changes.withLock { conflicts in loadLocked(conflicts: &conflicts) }
    }

    private func loadLocked(conflicts: inout SiteConflicts?) -> [String] {
        var problems: [String] = []
        do {
            var loaded: [String: SiteSchedule] = [:]
            for record in try store.listSchedules() {
                do {
                    let file = "schedule '\(record.id)' (added)"
                    let parsed = try ScheduleFile.parse(record.yaml, file: file)
                    let (schedule, unspoken) = speakTexts(of: parsed, file: file)
                    problems += unspoken
                    loaded[record.id] = SiteSchedule(id: record.id, path: nil, yaml: record.yaml, schedule: schedule,
                                                     updated: record.updatedAt, afterConflict: record.afterConflict)
                } catch {
                    problems.append("\(error)")
                }
            }
            tables.withLock { $0.added = loaded }
        } catch {
            problems.append("cannot read the added schedules from the store: \(error)")
        }
        return problems + reloadLocked(conflicts: &conflicts)
    }

    /// Reads the directory again; a file that does not parse keeps its previous version. Returns the problems.
    func reload() -> [String] {
        changes.withLock { conflicts in reloadLocked(conflicts: &conflicts) }
    }

    /// What AddSchedule did, as its reply's `outcome` says.
    enum AddOutcome: String {
        /// A new name.
        case added
        /// A schedule added earlier under the name was replaced (`replace` was set).
        case replaced
        /// The same text and setting again: nothing changed.
        case unchanged
    }

    /// Validates and adds a schedule under `name`, persisting it before it takes effect. One already added under
    /// the name is replaced only when `replace` is set; the same text again changes nothing and is not refused, so
    /// a fan-out can be run again after a partial failure. It costs time in proportion to the schedule's own
    /// programmes, whatever the site holds.
    ///
    /// - Returns: the schedule, the clashes it was accepted with (only with `afterConflict`), and what was done.
    /// - Throws: `InvalidArgument` for a bad name, `Conflict` for a name a file uses, a name taken without
    ///   `replace`, or clashes, `InvalidSchedule` for a file that does not parse, unknown media, a programme id
    ///   used elsewhere or more programmes than the limits allow.
    func add(
        name: String, yaml: String, afterConflict: Bool, replace: Bool
    ) throws -> (SiteSchedule, [String], AddOutcome) {
        if let problem = SiteName.schedule.problem(with: name) {
            throw SiteFailure.invalidParameter("name", problem)
        }
        let now = clock.now()
        return try changes.withLock { conflicts in
            try addLocked(name: name, yaml: yaml, afterConflict: afterConflict, replace: replace, now: now,
                          conflicts: &conflicts)
        }
    }

    private func addLocked(
        name: String, yaml: String, afterConflict: Bool, replace: Bool, now: Date,
        conflicts stored: inout SiteConflicts?
    ) throws -> (SiteSchedule, [String], AddOutcome) {
        let (currentFiles, existing, limits) = tables.withLock { ($0.files, $0.added[name], $0.limits) }
        if let file = currentFiles[name] {
            throw VarlinkError.conflict(reason: "schedule '\(name)' comes from the file \(file.path); edit that "
                                        + "file and reload, or choose another name")
        }
        if let existing {
            if existing.yaml == yaml, existing.afterConflict == afterConflict { return (existing, [], .unchanged) }
            guard replace else {
                throw VarlinkError.conflict(reason: "a different schedule '\(name)' is already on the site (added "
                                            + "\(Timestamps.format(existing.updated))); add --replace to replace it, "
                                            + "or choose another --name")
            }
        }
        let parsed: Schedule
        do {
            parsed = try ScheduleFile.parse(yaml, file: name)
        } catch let issues as YAMLIssues {
            throw VarlinkError.invalidSchedule(problems: issues.issues.map(\.description))
        }
        var site = takeConflicts(&stored, now: now)
        defer { stored = site }
        if let problem = limits.problem(name: "schedule '\(name)'", count: parsed.programmes.count,
                                        others: site.programmeCount(excluding: name)) {
            throw VarlinkError.invalidSchedule(problems: [problem])
        }
        // Text programmes are spoken here, within the limits, before anything is checked against their audio.
        let (schedule, unspoken) = speakTexts(of: parsed, file: name)
        var problems = site.programmeIDClashes(schedule, as: name) + unspoken
        problems += ScheduleWarnings.missingMedia(in: schedule, named: name, store: store,
                                                  advice: "upload it first (communecast media upload)")
        guard problems.isEmpty else { throw VarlinkError.invalidSchedule(problems: problems) }
        let admission: SiteConflicts.Admission
        do {
            admission = try site.admit(schedule, as: name, now: now, store: store)
        } catch {
            throw VarlinkError.invalidSchedule(problems: ["\(name): \(error)"])
        }
        let conflicts = admission.clashes.map(\.conflict.description)
        if !conflicts.isEmpty, !afterConflict {
            site.rollback(admission)
            throw VarlinkError.conflict(reason: conflicts.joined(separator: "; ")
                                        + "; add it with --after-conflict to queue it after the other programme")
        }
        let record: ScheduleRecord
        do {
            record = try store.putSchedule(id: name, yaml: yaml, afterConflict: afterConflict).record
        } catch {
            site.rollback(admission)
            throw error
        }
        site.commit(admission, schedule, as: name)
        let entry = SiteSchedule(id: name, path: nil, yaml: yaml, schedule: schedule, updated: record.updatedAt,
                                 afterConflict: afterConflict)
        tables.withLock { $0.added[name] = entry }
        publishLocked()
        // A schedule accepted without clashes and without replacing one changes no file's clash warning; it has no
        // missing media either, since that is refused.
        var later: Upkeep = site.isStale(at: now) ? [.conflicts] : []
        if !conflicts.isEmpty || existing != nil { later.insert(.clashWarnings) }
        if existing != nil { refreshMissingMediaLocked(logAll: false) }
        queueUpkeep(later)
        let outcome: AddOutcome = existing == nil ? .added : .replaced
        logger.notice("schedule \(outcome.rawValue)", metadata: [
            "schedule": "\(name)", "programmes": "\(schedule.programmes.count)", "conflicts": "\(conflicts.count)",
        ])
        return (entry, conflicts, outcome)
    }

    /// Removes a schedule added through the control socket.
    func remove(id: String) throws {
        try changes.withLock { conflicts in try removeLocked(id: id, conflicts: &conflicts) }
    }

    private func removeLocked(id: String, conflicts: inout SiteConflicts?) throws {
        if let file = tables.withLock({ $0.files[id] }) {
            throw VarlinkError.conflict(reason: "schedule '\(id)' comes from the file \(file.path); delete that file "
                                        + "and reload")
        }
        try store.deleteSchedule(id: id)
        tables.withLock { _ = $0.added.removeValue(forKey: id) }
        conflicts?.remove(id)
        publishLocked()
        refreshMissingMediaLocked(logAll: false)
        queueUpkeep(.clashWarnings)
        logger.notice("schedule removed", metadata: ["schedule": "\(id)"])
    }

    /// What the schedule files play, one reference `schedule:ID/PROGRAMME` per programme, so that the store refuses
    /// to remove media they need as it does for the schedules it keeps.
    func fileMediaReferences() -> [MediaReference] {
        // Added schedules' media is found in their YAML by the store, except what their text was rendered to.
        schedules.flatMap { entry in
            entry.schedule.programmes.filter { entry.path != nil || $0.text != nil }.map {
                MediaReference(label: "schedule:\(entry.id)/\($0.id)", mediaValues: [$0.media])
            }
        }
    }

    // MARK: - Private

    private func reloadLocked(conflicts: inout SiteConflicts?) -> [String] {
        let previous = tables.withLock { $0.files }
        let reader = ConfinedFileReader(directory: directory)
        var reading = ScheduleDirectory.read(directory, previous: previous) { try reader.read($0) }
        let (addedNow, limits) = tables.withLock { ($0.added, $0.limits) }
        // Added schedules were checked against the files when they were added; a file that now clashes with one
        // of them, or with an earlier file, is the one left out, and so is a file past the limits.
        var total = addedNow.values.reduce(0) { $0 + $1.schedule.programmes.count }
        var owners: [String: String] = [:]
        for entry in addedNow.values.sorted(by: { $0.id < $1.id }) {
            for programme in entry.schedule.programmes { owners[programme.id] = entry.id }
        }
        var kept: [String: LoadedSchedule] = [:]
        for id in reading.schedules.keys.sorted() {
            guard let read = reading.schedules[id] else { continue }
            let (spoken, unspoken) = speakTexts(of: read.schedule, file: read.path)
            let file = LoadedSchedule(id: read.id, path: read.path, yaml: read.yaml, schedule: spoken,
                                      modified: read.modified)
            var problems = unspoken
            if addedNow[id] != nil {
                problems.append("\(file.path): the name '\(id)' is already used by a schedule added through the "
                                + "control socket; rename the file")
            }
            if let problem = limits.problem(name: file.path, count: file.schedule.programmes.count, others: total) {
                problems.append(problem)
            }
            problems += file.schedule.programmes.compactMap { programme in
                owners[programme.id].map {
                    "programme id '\(programme.id)' is already used by schedule '\($0)'; programme ids are unique "
                        + "per site"
                }
            }
            if problems.isEmpty {
                kept[id] = file
                for programme in file.schedule.programmes { owners[programme.id] = id }
                total += file.schedule.programmes.count
            } else {
                reading.problems += problems.map { $0 + " (\(file.path): not loaded)" }
            }
        }
        tables.withLock { $0.files = kept }
        conflicts = nil
        publishLocked()
        for problem in reading.problems {
            logger.error("schedule problem", metadata: ["problem": "\(problem)"])
        }
        refreshMissingMediaLocked(logAll: true)
        let clashes = refreshClashWarningsLocked(logAll: true).count
        let warnings = clashes + tables.withLock { $0.missingMediaWarnings.count }
        queueUpkeep(.conflicts)
        logger.notice("schedules loaded", metadata: [
            "directory": "\(directory)", "files": "\(kept.count)", "added": "\(addedNow.count)",
            "problems": "\(reading.problems.count)", "warnings": "\(warnings)",
        ])
        return reading.problems
    }

    private static func entry(_ file: LoadedSchedule) -> SiteSchedule {
        SiteSchedule(id: file.id, path: file.path, yaml: file.yaml, schedule: file.schedule, updated: file.modified,
                     afterConflict: false)
    }

    /// The conflict index, built now if there is none or it no longer covers a year from `now`; the caller puts it
    /// back (taking it out keeps it uniquely referenced, so it is changed in place).
    private func takeConflicts(_ stored: inout SiteConflicts?, now: Date) -> SiteConflicts {
        defer { stored = nil }
        if let conflicts = stored, conflicts.covers(now) { return conflicts }
        return SiteConflicts(schedules: schedules, store: store, now: now)
    }

    /// Queues the background work `needed`, joining work already queued.
    private func queueUpkeep(_ needed: Upkeep) {
        guard !needed.isEmpty else { return }
        let alreadyQueued = tables.withLock { tables in
            defer { tables.upkeep = (tables.upkeep ?? []).union(needed) }
            return tables.upkeep != nil
        }
        guard !alreadyQueued else { return }
        work.enqueue { [self] in
            changes.withLock { conflicts in upkeepLocked(conflicts: &conflicts) }
        }
    }

    /// Does the background work queued so far.
    private func upkeepLocked(conflicts: inout SiteConflicts?) {
        let due = tables.withLock { tables in
            defer { tables.upkeep = nil }
            return tables.upkeep ?? []
        }
        let started = ContinuousClock.now
        if due.contains(.conflicts) {
            conflicts = SiteConflicts(schedules: schedules, store: store, now: clock.now())
        }
        if due.contains(.clashWarnings) { refreshClashWarningsLocked(logAll: false) }
        let elapsed = ContinuousClock.now - started
        logger.info("schedule upkeep done", metadata: [
            "conflict_index": "\(due.contains(.conflicts))", "clash_warnings": "\(due.contains(.clashWarnings))",
            "ms": "\(Int(elapsed / .milliseconds(1)))",
        ])
    }

    /// Works out which programmes in force lack media and keeps the warnings; logs every one (`logAll`, for a
    /// reload) or those that appeared, and those that went.
    private func refreshMissingMediaLocked(logAll: Bool) {
        let (fileSet, addedSet) = tables.withLock { ($0.files.values.map(Self.entry), Array($0.added.values)) }
        let found = ScheduleWarnings.missingMedia(files: fileSet, added: addedSet, store: store)
        let (previous, all, handler) = tables.withLock { tables in
            defer { tables.missingMediaWarnings = found }
            return (tables.missingMediaWarnings, found + tables.clashWarnings, tables.onWarnings)
        }
        handler(all)
        ScheduleWarnings.log(found, previous: previous, logAll: logAll, logger: logger)
    }

    /// Works out the same-level clashes of the files and keeps them, logging as ``refreshMissingMediaLocked(logAll:)``
    /// does. This looks at every schedule in force, so only a reload waits for it.
    @discardableResult
    private func refreshClashWarningsLocked(logAll: Bool) -> [String] {
        let (fileSet, addedSet) = tables.withLock { ($0.files.values.map(Self.entry), Array($0.added.values)) }
        let found = ScheduleWarnings.clashes(files: fileSet, added: addedSet, store: store, now: clock.now())
        let (previous, all, handler) = tables.withLock { tables in
            defer { tables.clashWarnings = found }
            return (tables.clashWarnings, tables.missingMediaWarnings + found, tables.onWarnings)
        }
        handler(all)
        ScheduleWarnings.log(found, previous: previous, logAll: logAll, logger: logger)
        return found
    }

    /// Recomputes the set in force and hands it to the scheduler.
    private func publishLocked() {
        let (set, handler) = tables.withLock { tables in
            tables.inForce = (Array(tables.added.values) + tables.files.values.map(Self.entry)).sorted { $0.id < $1.id }
            return (tables.inForce, tables.onChange)
        }
        handler(set)
    }
}
