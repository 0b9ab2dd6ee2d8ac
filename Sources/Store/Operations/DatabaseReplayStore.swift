import AlertTrust
import ControlProtocol
import Foundation
import GRDB

/// AlertTrust's ``ReplayStore`` over the `alertReplay` table, inside a write transaction the caller already holds,
/// so that ``ReplayGuard/admit(_:store:)`` and what the site then does with the message (store the alert, cancel
/// the ones it closes) commit together or not at all.
struct DatabaseReplayStore: ReplayStore {
    /// The connection, inside the caller's transaction.
    let db: Database

    /// The row for `key`, read inside the caller's transaction.
    func entry(for key: AlertKey) throws -> ReplayEntry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alertReplay WHERE issuer = ? AND id = ?",
                                         arguments: [key.issuer, key.id]) else { return nil }
        return try Self.entry(row)
    }

    /// Inserts or replaces the row, with its state spelt out for people reading the table.
    func save(_ entry: ReplayEntry) throws {
        let closure = entry.closedBy
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO alertReplay (issuer, id, payloadSHA256, messageType, sent, authority,
                    closedByID, closedByType, closedBySent, closedByAuthority, state, keepUntil)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.key.issuer, entry.key.id, entry.payloadHash, entry.messageType?.rawValue,
                entry.sent.map(StoreTime.seconds), entry.authority?.rawValue, closure?.id,
                closure?.messageType.rawValue, closure.map { StoreTime.seconds($0.sent) }, closure?.authority.rawValue,
                entry.state.rawValue, StoreTime.seconds(entry.keepUntil),
            ]
        )
    }

    /// Deletes the rows past their retention; returns how many.
    func removeEntries(keptUntilBefore date: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM alertReplay WHERE keepUntil < ?", arguments: [StoreTime.seconds(date)])
        return db.changesCount
    }

    /// Every row, by key, for listings and tests.
    func all() throws -> [ReplayEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM alertReplay ORDER BY issuer, id").map(Self.entry)
    }

    /// A row as the replay logic sees it; a value the enums do not know is a damaged row, reported as such.
    private static func entry(_ row: Row) throws -> ReplayEntry {
        let key = AlertKey(issuer: row["issuer"], id: row["id"])
        func decode<T: RawRepresentable<String>>(_ column: String, as type: T.Type) throws -> T? {
            guard let text: String = row[column] else { return nil }
            guard let value = T(rawValue: text) else {
                throw StoreError.invalid(what: "replay row \(key) \(column)", reason: "'\(text)' is not known")
            }
            return value
        }
        var closure: ReplayClosure?
        if let id: String = row["closedByID"], let type = try decode("closedByType", as: AlertMessageType.self),
           let sent: Double = row["closedBySent"], let authority = try decode("closedByAuthority", as: Role.self) {
            closure = ReplayClosure(id: id, messageType: type, sent: StoreTime.date(sent), authority: authority)
        }
        let sent: Double? = row["sent"]
        return ReplayEntry(
            key: key, payloadHash: row["payloadSHA256"],
            messageType: try decode("messageType", as: AlertMessageType.self),
            sent: sent.map(StoreTime.date), authority: try decode("authority", as: Role.self), closedBy: closure,
            keepUntil: StoreTime.date(row["keepUntil"])
        )
    }
}
