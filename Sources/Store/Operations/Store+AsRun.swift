import BroadcastModel
import Foundation
import GRDB

extension Store {
    /// Appends an entry and returns it with the `id` the store gave it (any `id` passed in is ignored).
    ///
    /// - Throws: ``StoreError/invalid(what:reason:)`` when the entry has no time or a bad field.
    @discardableResult
    public func appendAsRun(_ entry: AsRunEntry) throws(StoreError) -> AsRunEntry {
        try entry.validate()
        var entry = Self.rounded(entry)
        entry.id = nil
        let appended = entry
        return try write("append as-run entry for \(entry.source)") { db in
            try appended.inserted(db)
        }
    }

    /// Rewrites an entry in place, typically to set `endedAt` and the final outcome of a `started` item.
    ///
    /// - Throws: ``StoreError/invalid(what:reason:)`` when `id` is missing or a field is bad;
    ///   ``StoreError/notFound(what:name:)`` when no entry has that id.
    public func updateAsRun(_ entry: AsRunEntry) throws(StoreError) {
        guard let id = entry.id else {
            throw .invalid(what: "as-run update for \(entry.source)", reason: "the entry has no id; append it first")
        }
        try entry.validate()
        let updated = Self.rounded(entry)
        try write("update as-run entry \(id)") { db in
            guard try AsRunEntry.exists(db, key: id) else {
                throw StoreError.notFound(what: "as-run entry", name: String(id))
            }
            try updated.update(db)
        }
    }

    /// Marks entries left on air by a daemon that stopped without ending them (power cut, crash, `kill -9`) as
    /// ``AsRunOutcome/interrupted``, keeping their start and adding `reason`. Call it at start-up, before anything
    /// plays: then an entry with no end is one nobody will finish. Returns the entries it marked.
    @discardableResult
    public func markInterruptedAsRun(reason: String) throws(StoreError) -> [AsRunEntry] {
        try write("mark interrupted as-run entries") { db in
            let open = try AsRunEntry.fetchAll(
                db,
                sql: "SELECT * FROM asRun WHERE endedAt IS NULL AND outcome IN (?, ?) ORDER BY id",
                arguments: [AsRunOutcome.started.rawValue, AsRunOutcome.resumed.rawValue]
            )
            return try open.map { entry in
                var entry = entry
                entry.outcome = .interrupted
                entry.reason = [entry.reason, reason].compactMap { $0 }.joined(separator: "; ")
                try entry.update(db)
                return entry
            }
        }
    }

    /// The outcomes the as-run log holds for the airing of programme `programmeID` planned at `plannedAt`, oldest
    /// first: empty when it never reached the log, `[interrupted]` when a crash cut it, `[interrupted, aired]` when
    /// it was played again after the restart.
    public func asRunOutcomes(programmeID: String, plannedAt: Date) throws(StoreError) -> [AsRunOutcome] {
        try read("look up programme \(programmeID) in the as-run log") { db in
            try AsRunOutcome.fetchAll(
                db,
                sql: "SELECT outcome FROM asRun WHERE programmeID = ? AND abs(plannedAt - ?) < 0.0005 ORDER BY id",
                arguments: [programmeID, StoreTime.seconds(plannedAt)]
            )
        }
    }

    /// Entries whose time (`startedAt`, or `plannedAt` for items that never started) is in `[since, until)`,
    /// oldest first. A missing bound is open. At most `limit` entries come back, clamped to
    /// 1…``maximumQueryLimit``: the oldest ones, so a caller pages on by asking again from the last one's time.
    public func asRun(
        since: Date? = nil,
        until: Date? = nil,
        limit: Int = defaultQueryLimit
    ) throws(StoreError) -> [AsRunEntry] {
        let limit = min(max(limit, 1), Self.maximumQueryLimit)
        let lower = since.map(StoreTime.seconds) ?? -Double.greatestFiniteMagnitude
        let upper = until.map(StoreTime.seconds) ?? Double.greatestFiniteMagnitude
        return try read("read the as-run log") { db in
            try AsRunEntry.fetchAll(
                db,
                sql: """
                    SELECT * FROM asRun
                    WHERE coalesce(startedAt, plannedAt) >= ? AND coalesce(startedAt, plannedAt) < ?
                    ORDER BY coalesce(startedAt, plannedAt), id
                    LIMIT ?
                    """,
                arguments: [lower, upper, limit]
            )
        }
    }

    /// The entries of one local calendar day (the day holding `day` in `timeZone`, e.g. Asia/Ho_Chi_Minh), for
    /// the daily as-run report, up to ``maximumQueryLimit``.
    public func asRun(day: Date, timeZone: TimeZone) throws(StoreError) -> [AsRunEntry] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.startOfDay(for: day)
        guard let end = calendar.date(byAdding: .day, value: 1, to: start) else {
            throw .invalid(what: "as-run day", reason: "no day follows \(start) in \(timeZone.identifier)")
        }
        return try asRun(since: start, until: end, limit: Self.maximumQueryLimit)
    }

    /// `entry` with its dates as the database will keep them, so the returned entry equals the stored one.
    private static func rounded(_ entry: AsRunEntry) -> AsRunEntry {
        var entry = entry
        entry.plannedAt = entry.plannedAt.map(StoreTime.rounded)
        entry.startedAt = entry.startedAt.map(StoreTime.rounded)
        entry.endedAt = entry.endedAt.map(StoreTime.rounded)
        entry.mediaSHA256 = entry.mediaSHA256?.lowercased()
        return entry
    }
}
