import ControlProtocol
import Foundation
import Logging
import ScheduleFormat
import Scheduling
import Store
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
/// and programme ids unique across the site, media that exist, clashes with other schedules — and hands each new
/// set to the scheduler.
final class ScheduleRegistry: @unchecked Sendable {
    /// The directory of `*.yaml` files (DESIGN §1).
    let directory: String
    private let store: Store
    /// Where text programmes are rendered and kept; nil on a registry that cannot speak.
    let media: MediaLibrary?
    private let logger: Logger
    /// Serialises changes: a reload and an AddSchedule never interleave.
    private let changes = NSLock()
    /// Guards the fields below.
    private let lock = NSLock()
    private var files: [String: LoadedSchedule] = [:]
    private var added: [String: SiteSchedule] = [:]
    private var inForce: [SiteSchedule] = []
    private var warnings: [String] = []
    private var onChange: @Sendable ([SiteSchedule]) -> Void = { _ in }
    private var onWarnings: @Sendable ([String]) -> Void = { _ in }

    init(directory: String, store: Store, logger: Logger, media: MediaLibrary? = nil) {
        self.directory = directory
        self.store = store
        self.media = media
        self.logger = logger
    }

    /// Who to tell when the set in force changes (the scheduler); set once before loading.
    func setChangeHandler(_ handler: @escaping @Sendable ([SiteSchedule]) -> Void) {
        lock.withLock { onChange = handler }
    }

    /// Who to tell the warnings each time they are worked out (health); set once before loading.
    func setWarningsHandler(_ handler: @escaping @Sendable ([String]) -> Void) {
        lock.withLock { onWarnings = handler }
    }

    /// The schedules in force, by id.
    var schedules: [SiteSchedule] {
        lock.withLock { inForce }
    }

    /// Why programmes in force will not air as written: media the site does not hold, and same-level clashes of the
    /// schedule files with each other or with added schedules. The files stay in force; health and ReloadSchedules
    /// show these, and the log has each when it appears.
    var scheduleWarnings: [String] {
        lock.withLock { warnings }
    }

    /// Media was uploaded or removed: works out the warnings again, logging those that appear or go.
    func mediaChanged() {
        changes.lock()
        defer { changes.unlock() }
        refreshWarningsLocked(logAll: false)
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
        changes.lock()
        defer { changes.unlock() }
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
            lock.withLock { added = loaded }
        } catch {
            problems.append("cannot read the added schedules from the store: \(error)")
        }
        return problems + reloadLocked()
    }

    /// Reads the directory again; a file that does not parse keeps its previous version. Returns the problems.
    func reload() -> [String] {
        changes.lock()
        defer { changes.unlock() }
        return reloadLocked()
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
    /// a fan-out can be run again after a partial failure.
    ///
    /// - Returns: the schedule, the clashes it was accepted with (only with `afterConflict`), and what was done.
    /// - Throws: `InvalidArgument` for a bad name, `Conflict` for a name a file uses, a name taken without
    ///   `replace`, or clashes, `InvalidSchedule` for a file that does not parse, unknown media or a programme id
    ///   used elsewhere.
    func add(
        name: String, yaml: String, afterConflict: Bool, replace: Bool, now: Date = Date()
    ) throws -> (SiteSchedule, [String], AddOutcome) {
        if let problem = SiteName.schedule.problem(with: name) {
            throw SiteFailure.invalidParameter("name", problem)
        }
        changes.lock()
        defer { changes.unlock() }
        let (currentFiles, others, existing) = lock.withLock {
            (files, inForce.filter { $0.id != name }, added[name])
        }
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
        let (schedule, unspoken) = speakTexts(of: parsed, file: name)
        var problems = programmeIDClashes(schedule, with: others) + unspoken
        problems += ScheduleWarnings.missingMedia(in: schedule, named: name, store: store,
                                                  advice: "upload it first (communecast media upload)")
        guard problems.isEmpty else { throw VarlinkError.invalidSchedule(problems: problems) }
        let conflicts: [String]
        do {
            conflicts = try ConflictChecker.clashes(
                among: [(name, schedule)], settled: others.map { ($0.id, $0.schedule) }, now: now,
                duration: ScheduleWarnings.durations(of: others.map(\.schedule) + [schedule], store: store)
            ).map(\.conflict.description)
        } catch {
            throw VarlinkError.invalidSchedule(problems: ["\(name): \(error)"])
        }
        if !conflicts.isEmpty, !afterConflict {
            throw VarlinkError.conflict(reason: conflicts.joined(separator: "; ")
                                        + "; add it with --after-conflict to queue it after the other programme")
        }
        let record = try store.putSchedule(id: name, yaml: yaml, afterConflict: afterConflict).record
        let entry = SiteSchedule(id: name, path: nil, yaml: yaml, schedule: schedule, updated: record.updatedAt,
                                 afterConflict: afterConflict)
        lock.withLock { added[name] = entry }
        publishLocked()
        refreshWarningsLocked(logAll: false)
        let outcome: AddOutcome = existing == nil ? .added : .replaced
        logger.notice("schedule \(outcome.rawValue)", metadata: [
            "schedule": "\(name)", "programmes": "\(schedule.programmes.count)", "conflicts": "\(conflicts.count)",
        ])
        return (entry, conflicts, outcome)
    }

    /// Removes a schedule added through the control socket.
    func remove(id: String) throws {
        changes.lock()
        defer { changes.unlock() }
        if let file = lock.withLock({ files[id] }) {
            throw VarlinkError.conflict(reason: "schedule '\(id)' comes from the file \(file.path); delete that file "
                                        + "and reload")
        }
        try store.deleteSchedule(id: id)
        lock.withLock { _ = added.removeValue(forKey: id) }
        publishLocked()
        refreshWarningsLocked(logAll: false)
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

    private func reloadLocked() -> [String] {
        let previous = lock.withLock { files }
        var reading = ScheduleDirectory.read(directory, previous: previous)
        let addedNow = lock.withLock { added }
        // Added schedules were checked against the files when they were added; a file that now clashes with one
        // of them, or with an earlier file, is the one left out.
        var accepted: [SiteSchedule] = addedNow.values.sorted { $0.id < $1.id }
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
            problems += programmeIDClashes(file.schedule, with: accepted)
            if problems.isEmpty {
                kept[id] = file
                accepted.append(Self.entry(file))
            } else {
                reading.problems += problems.map { $0 + " (\(file.path): not loaded)" }
            }
        }
        lock.withLock { files = kept }
        publishLocked()
        for problem in reading.problems {
            logger.error("schedule problem", metadata: ["problem": "\(problem)"])
        }
        let warnings = refreshWarningsLocked(logAll: true)
        logger.notice("schedules loaded", metadata: [
            "directory": "\(directory)", "files": "\(kept.count)", "added": "\(addedNow.count)",
            "problems": "\(reading.problems.count)", "warnings": "\(warnings.count)",
        ])
        return reading.problems
    }

    private static func entry(_ file: LoadedSchedule) -> SiteSchedule {
        SiteSchedule(id: file.id, path: file.path, yaml: file.yaml, schedule: file.schedule, updated: file.modified,
                     afterConflict: false)
    }

    /// Works out the warnings for the set in force and keeps them; logs every one (`logAll`, for a reload) or those
    /// that appeared, and those that went.
    @discardableResult
    private func refreshWarningsLocked(logAll: Bool) -> [String] {
        let (fileSet, addedSet) = lock.withLock { (files.values.map(Self.entry), Array(added.values)) }
        let found = ScheduleWarnings.find(files: fileSet, added: addedSet, store: store, now: Date())
        let (previous, handler) = lock.withLock { () -> ([String], @Sendable ([String]) -> Void) in
            defer { warnings = found }
            return (warnings, onWarnings)
        }
        handler(found)
        for warning in found where logAll || !previous.contains(warning) {
            logger.warning("schedule warning", metadata: ["warning": "\(warning)"])
        }
        for gone in previous where !found.contains(gone) {
            logger.notice("schedule warning resolved", metadata: ["warning": "\(gone)"])
        }
        return found
    }

    /// Recomputes the set in force and hands it to the scheduler.
    private func publishLocked() {
        let (set, handler) = lock.withLock { () -> ([SiteSchedule], @Sendable ([SiteSchedule]) -> Void) in
            inForce = (Array(added.values) + files.values.map(Self.entry)).sorted { $0.id < $1.id }
            return (inForce, onChange)
        }
        handler(set)
    }

    /// Programme ids of `schedule` that another schedule in force already uses.
    private func programmeIDClashes(_ schedule: Schedule, with others: [SiteSchedule]) -> [String] {
        var owners: [String: String] = [:]
        for other in others {
            for programme in other.schedule.programmes { owners[programme.id] = other.id }
        }
        return schedule.programmes.compactMap { programme in
            owners[programme.id].map {
                "programme id '\(programme.id)' is already used by schedule '\($0)'; programme ids are unique per site"
            }
        }
    }
}
