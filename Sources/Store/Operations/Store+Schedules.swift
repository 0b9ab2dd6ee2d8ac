import Foundation
import GRDB

extension Store {
    /// Adds a schedule, or replaces the text and flag of the one with the same id (keeping when it was first added).
    ///
    /// - Returns: the stored record, and whether an earlier text was replaced (for the audit summary).
    /// - Throws: ``StoreError/invalid(what:reason:)`` for an empty id or text.
    @discardableResult
    public func putSchedule(
        id: String, yaml: String, afterConflict: Bool = false
    ) throws(StoreError) -> (record: ScheduleRecord, replaced: Bool) {
        guard !id.isEmpty else {
            throw .invalid(what: "schedule id", reason: "it is empty")
        }
        guard !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalid(what: "schedule '\(id)'", reason: "its YAML text is empty")
        }
        let stamp = now()
        return try write("put schedule '\(id)'") { db in
            let existing = try ScheduleRecord.fetchOne(db, key: id)
            let record = ScheduleRecord(id: id, yaml: yaml, addedAt: existing?.addedAt ?? stamp, updatedAt: stamp,
                                        afterConflict: afterConflict)
            try record.save(db)
            return (record, existing != nil)
        }
    }

    /// The schedule with this id, if any.
    public func schedule(id: String) throws(StoreError) -> ScheduleRecord? {
        try read("look up schedule '\(id)'") { db in
            try ScheduleRecord.fetchOne(db, key: id)
        }
    }

    /// All schedules, by id.
    public func listSchedules() throws(StoreError) -> [ScheduleRecord] {
        try read("list schedules") { db in
            try ScheduleRecord.fetchAll(db, sql: "SELECT * FROM schedule ORDER BY id")
        }
    }

    /// Removes a schedule and returns what it held.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)`` when no schedule has this id.
    @discardableResult
    public func deleteSchedule(id: String) throws(StoreError) -> ScheduleRecord {
        try write("delete schedule '\(id)'") { db in
            guard let record = try ScheduleRecord.fetchOne(db, key: id) else {
                throw StoreError.notFound(what: "schedule", name: id)
            }
            try record.delete(db)
            return record
        }
    }
}
