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
        try read("list the names of media \(sha256)") { db in try Self.names(of: sha256.lowercased(), db) }
    }

    /// The names of the audio with this sha256: its own first, then its aliases by name.
    static func names(of sha256: String, _ db: Database) throws -> [String] {
        let own = try String.fetchAll(db, sql: "SELECT name FROM media WHERE sha256 = ?", arguments: [sha256])
        let aliases = try String.fetchAll(db, sql: "SELECT name FROM mediaAlias WHERE sha256 = ? ORDER BY name",
                                          arguments: [sha256])
        return own + aliases
    }

    /// The sha256 a name stands for, as a media name or an alias.
    static func sha256(named name: String, _ db: Database) throws -> String? {
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

    /// Every name that plays something, by name: each file under its own name and under each of its aliases (with
    /// the file's other fields), so that an operator sees every name a schedule or a play may use.
    public func listMediaNames() throws(StoreError) -> [MediaRecord] {
        try read("list media names") { db in
            try MediaRecord.fetchAll(db, sql: """
                SELECT * FROM media
                UNION ALL
                SELECT media.sha256, mediaAlias.name, durationSeconds, bytes, loudnessLUFS, createdAt,
                       sourceDescription, textSHA256
                    FROM mediaAlias JOIN media ON media.sha256 = mediaAlias.sha256
                ORDER BY name
                """)
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
}
