import Foundation
import GRDB

extension Store {
    /// The shortest sha256 prefix ``resolveMedia(_:)`` accepts, so that a short word is never mistaken for a hash.
    public static let minimumSHA256PrefixLength = 8

    /// Records an imported media file. Importing the same audio twice is harmless: when the sha256 is already
    /// known, the stored row comes back with `deduplicated: true` and the file is stored once. A new name for known
    /// audio becomes an alias of it, so whatever refers to that name (a schedule, a play) finds the audio.
    ///
    /// - Throws: ``StoreError/nameTaken(name:existingSHA256:)`` when other audio already has this name;
    ///   ``StoreError/invalid(what:reason:)`` when a field breaks a rule.
    @discardableResult
    public func insertMedia(_ record: MediaRecord) throws(StoreError) -> (record: MediaRecord, deduplicated: Bool) {
        let record = try record.validated()
        return try write("insert media '\(record.name)'") { db in
            if let holder = try Self.sha256(named: record.name, db), holder != record.sha256 {
                throw StoreError.nameTaken(name: record.name, existingSHA256: holder)
            }
            if let existing = try MediaRecord.fetchOne(db, key: record.sha256) {
                if existing.name != record.name {
                    try db.execute(sql: "INSERT OR IGNORE INTO mediaAlias (name, sha256) VALUES (?, ?)",
                                   arguments: [record.name, record.sha256])
                }
                return (existing, true)
            }
            try record.insert(db)
            return (record, false)
        }
    }

    /// Every name the audio with this sha256 answers to: its own first, then its aliases.
    public func mediaNames(sha256: String) throws(StoreError) -> [String] {
        try read("list the names of media \(sha256)") { db in
            let own = try String.fetchAll(db, sql: "SELECT name FROM media WHERE sha256 = ?",
                                          arguments: [sha256.lowercased()])
            let aliases = try String.fetchAll(db, sql: "SELECT name FROM mediaAlias WHERE sha256 = ? ORDER BY name",
                                              arguments: [sha256.lowercased()])
            return own + aliases
        }
    }

    /// The sha256 a name stands for, as a media name or an alias.
    private static func sha256(named name: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT sha256 FROM media WHERE name = ?
            UNION ALL SELECT sha256 FROM mediaAlias WHERE name = ?
            LIMIT 1
            """, arguments: [name, name])
    }

    /// The media with exactly this name or alias (case-sensitive), if any.
    public func media(named name: String) throws(StoreError) -> MediaRecord? {
        try read("look up media '\(name)'") { db in
            try Self.sha256(named: name, db).flatMap { try MediaRecord.fetchOne(db, key: $0) }
        }
    }

    /// The media with this sha256 (either case), if any.
    public func media(sha256: String) throws(StoreError) -> MediaRecord? {
        try read("look up media \(sha256)") { db in
            try MediaRecord.fetchOne(db, key: sha256.lowercased())
        }
    }

    /// Finds media the way an operator types it: a full sha256 (64 hex digits), else an exact name or alias, else a
    /// unique sha256 prefix of at least ``minimumSHA256PrefixLength`` hex digits. A name wins over a prefix, so a file
    /// named "deadbeef" stays reachable by its name.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)`` when nothing matches; ``StoreError/ambiguous(prefix:matches:)``
    ///   when a prefix matches several files.
    public func resolveMedia(_ nameOrSHA: String) throws(StoreError) -> MediaRecord {
        let found = try read("resolve media '\(nameOrSHA)'") { db -> [MediaRecord] in
            if MediaRecord.isSHA256(nameOrSHA) {
                return try MediaRecord.fetchOne(db, key: nameOrSHA.lowercased()).map { [$0] } ?? []
            }
            if let named = try Self.sha256(named: nameOrSHA, db).flatMap({ try MediaRecord.fetchOne(db, key: $0) }) {
                return [named]
            }
            guard nameOrSHA.count >= Self.minimumSHA256PrefixLength, MediaRecord.isHex(nameOrSHA) else {
                return []
            }
            return try MediaRecord.fetchAll(
                db,
                sql: "SELECT * FROM media WHERE substr(sha256, 1, ?) = ? ORDER BY sha256 LIMIT 10",
                arguments: [nameOrSHA.count, nameOrSHA.lowercased()]
            )
        }
        guard let first = found.first else {
            throw .notFound(what: "media", name: nameOrSHA)
        }
        guard found.count == 1 else {
            throw .ambiguous(prefix: nameOrSHA, matches: found.map(\.sha256))
        }
        return first
    }

    /// All media, by name.
    public func listMedia() throws(StoreError) -> [MediaRecord] {
        try read("list media") { db in
            try MediaRecord.fetchAll(db, sql: "SELECT * FROM media ORDER BY name")
        }
    }

    /// How many media files there are and how many bytes they take, for health and disk-space reports; health
    /// keeps them up to date with ``observeMediaTotals(_:)``.
    public func mediaTotals() throws(StoreError) -> (count: Int, bytes: Int) {
        try read("count media", Self.fetchMediaTotals)
    }

    /// The query behind ``mediaTotals()`` and its observation.
    static func fetchMediaTotals(_ db: Database) throws -> (count: Int, bytes: Int) {
        let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(sum(bytes), 0) FROM media")
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    /// Forgets a media row and returns it, so the daemon can then remove `media/<sha256>.opus`.
    ///
    /// Refused while a pending or playing alert plays it, or while a schedule's YAML mentions it in a `media:` key
    /// by name, by sha256 or by a sha256 prefix. Schedules are searched as text (see `ScheduleMediaScanner`), not
    /// parsed, so the store needs no YAML parser; finished alerts do not hold media.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)``; ``StoreError/inUse(name:references:)`` naming each alert
    ///   and schedule that still uses it.
    @discardableResult
    public func deleteMedia(sha256: String) throws(StoreError) -> MediaRecord {
        let key = sha256.lowercased()
        return try write("delete media \(sha256)") { db in
            guard let record = try MediaRecord.fetchOne(db, key: key) else {
                throw StoreError.notFound(what: "media", name: sha256)
            }
            let alerts = try AlertRecord.fetchAll(
                db,
                sql: "SELECT * FROM alert WHERE mediaSHA256 = ? AND state IN ('pending', 'playing') ORDER BY id",
                arguments: [key]
            )
            let aliases = Set(try String.fetchAll(db, sql: "SELECT name FROM mediaAlias WHERE sha256 = ?",
                                                  arguments: [key]))
            let schedules = try ScheduleRecord.fetchAll(db, sql: "SELECT * FROM schedule ORDER BY id").filter {
                $0.mediaValues.contains { aliases.contains($0) || Self.value($0, refersTo: record) }
            }
            let references = alerts.map { "alert '\($0.id)' (\($0.state.rawValue))" }
                + schedules.map { "schedule '\($0.id)'" }
            guard references.isEmpty else {
                throw StoreError.inUse(name: record.name, references: references)
            }
            try record.delete(db)
            return record
        }
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
