import Foundation
import GRDB

extension Store {
    /// Removes what an operator named: one name, or the audio once nothing else names or uses it.
    ///
    /// - A name (the file's own or an alias) of audio that other names also play: only that name goes, refused while
    ///   a schedule plays the audio by that very name. When the file's own name goes, its first alias (by name)
    ///   takes its place.
    /// - The last name of the audio, or a sha256 (full or a unique prefix): the audio goes with every name it had,
    ///   refused while a pending or playing alert plays it or a schedule names it in any way; see
    ///   ``deleteMedia(sha256:alsoUsedBy:)``.
    ///
    /// Schedules are the ones the store keeps and `others` (the daemon's schedule files).
    ///
    /// - Throws: ``StoreError/notFound(what:name:)``, ``StoreError/ambiguous(prefix:matches:)``,
    ///   ``StoreError/inUse(name:references:)`` naming each alert and schedule that needs what would go.
    public func removeMedia(_ nameOrSHA: String, alsoUsedBy others: [MediaReference] = []) throws(StoreError)
        -> MediaRemoval {
        let record = try resolveMedia(nameOrSHA)
        return try write("remove media '\(nameOrSHA)'") { db in
            let names = try Self.names(of: record.sha256, db)
            let isName = try Self.sha256(named: nameOrSHA, db) == record.sha256
            guard isName, names.count > 1 else {
                return .audio(try Self.deleteAudio(sha256: record.sha256, others: others, db), names: names)
            }
            let users = try Self.schedules(others, db).filter { $0.mediaValues.contains(nameOrSHA) }.map(\.label)
            guard users.isEmpty else { throw StoreError.inUse(name: nameOrSHA, references: users) }
            if nameOrSHA == record.name {
                let successor = names.dropFirst().first ?? nameOrSHA
                try db.execute(sql: "DELETE FROM mediaAlias WHERE name = ?", arguments: [successor])
                try db.execute(sql: "UPDATE media SET name = ? WHERE sha256 = ?", arguments: [successor, record.sha256])
            } else {
                try db.execute(sql: "DELETE FROM mediaAlias WHERE name = ?", arguments: [nameOrSHA])
            }
            guard let remaining = try MediaRecord.fetchOne(db, key: record.sha256) else {
                throw StoreError.notFound(what: "media", name: record.sha256)
            }
            return .name(nameOrSHA, remaining: remaining)
        }
    }

    /// Forgets a media row with all its names and returns it, so the daemon can then remove
    /// `media/<sha256>.opus`.
    ///
    /// Refused while a pending or playing alert plays it, or while a schedule's YAML (or one of `others`) mentions it
    /// in a `media:` key by any of its names, by sha256 or by a sha256 prefix. Schedules are searched as text (see
    /// `ScheduleMediaScanner`), not parsed, so the store needs no YAML parser; finished alerts do not hold media.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)``; ``StoreError/inUse(name:references:)`` naming each alert
    ///   and schedule that still uses it.
    @discardableResult
    public func deleteMedia(sha256: String, alsoUsedBy others: [MediaReference] = []) throws(StoreError)
        -> MediaRecord {
        try write("delete media \(sha256)") { db in
            try Self.deleteAudio(sha256: sha256, others: others, db)
        }
    }

    private static func deleteAudio(sha256: String, others: [MediaReference], _ db: Database) throws -> MediaRecord {
        let key = sha256.lowercased()
        guard let record = try MediaRecord.fetchOne(db, key: key) else {
            throw StoreError.notFound(what: "media", name: sha256)
        }
        let alerts = try AlertRecord.fetchAll(
            db,
            sql: "SELECT * FROM alert WHERE mediaSHA256 = ? AND state IN ('pending', 'playing') ORDER BY id",
            arguments: [key]
        )
        let names = Set(try Self.names(of: key, db))
        let schedules = try Self.schedules(others, db).filter { reference in
            reference.mediaValues.contains { names.contains($0) || Self.value($0, refersTo: record) }
        }
        let references = alerts.map { "alert '\($0.id)' (\($0.state.rawValue))" } + schedules.map(\.label)
        guard references.isEmpty else {
            throw StoreError.inUse(name: record.name, references: references)
        }
        try record.delete(db)
        return record
    }

    /// The schedules the store keeps, as references labelled `schedule 'ID'`, then `others`.
    private static func schedules(_ others: [MediaReference], _ db: Database) throws -> [MediaReference] {
        try ScheduleRecord.fetchAll(db, sql: "SELECT * FROM schedule ORDER BY id").map {
            MediaReference(label: "schedule '\($0.id)'", mediaValues: $0.mediaValues)
        } + others
    }

    /// Whether a schedule's `media:` value names `record`, by the same rules as ``resolveMedia(_:)``.
    private static func value(_ value: String, refersTo record: MediaRecord) -> Bool {
        if value == record.name || value.lowercased() == record.sha256 {
            return true
        }
        return value.count >= minimumSHA256PrefixLength && MediaRecord.isHex(value)
            && record.sha256.hasPrefix(value.lowercased())
    }
}
