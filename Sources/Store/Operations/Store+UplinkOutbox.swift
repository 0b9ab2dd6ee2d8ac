import Foundation
import GRDB

extension Store {
    /// Keeps one encoded uplink message until ``removeOutboxMessage(key:)``; returns its key (increasing in the
    /// order of appending). Refuses when `capacity` messages already wait, so a site cut off for weeks cannot fill
    /// its disk with events.
    ///
    /// - Throws: ``StoreError/invalid(what:reason:)`` when the outbox is full.
    public func appendOutboxMessage(_ message: Data, capacity: Int) throws(StoreError) -> Int64 {
        let key: Int64? = try write("append to the uplink outbox") { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT count(*) FROM uplinkOutbox") ?? 0
            guard waiting < capacity else { return nil }
            try db.execute(sql: "INSERT INTO uplinkOutbox (message, createdAt) VALUES (?, ?)",
                           arguments: [message, clock.now().timeIntervalSince1970])
            return db.lastInsertedRowID
        }
        guard let key else {
            throw .invalid(what: "uplink outbox", reason: "\(capacity) messages already wait for the broker; the "
                + "site has been cut off from it for long: check its network and the uplink's log")
        }
        return key
    }

    /// Up to `limit` waiting messages, oldest first, with their keys.
    public func pendingOutboxMessages(limit: Int) throws(StoreError) -> [(key: Int64, message: Data)] {
        try read("read the uplink outbox") { db in
            try Row.fetchAll(db, sql: "SELECT key, message FROM uplinkOutbox ORDER BY key LIMIT ?",
                             arguments: [max(0, limit)]).map { (key: $0["key"], message: $0["message"]) }
        }
    }

    /// Forgets a message the broker acknowledged (or refused for good).
    public func removeOutboxMessage(key: Int64) throws(StoreError) {
        try write("remove from the uplink outbox") { db in
            try db.execute(sql: "DELETE FROM uplinkOutbox WHERE key = ?", arguments: [key])
        }
    }

    /// The next uplink session number: one more than any handed out before, kept across restarts.
    public func nextUplinkSession() throws(StoreError) -> Int {
        try write("take the next uplink session number") { db in
            try db.execute(sql: """
                INSERT INTO uplinkSession (id, number) VALUES (1, 1)
                ON CONFLICT (id) DO UPDATE SET number = number + 1
                """)
            return try Int.fetchOne(db, sql: "SELECT number FROM uplinkSession WHERE id = 1") ?? 1
        }
    }

    /// Records that the signed command `id`, signed at `signedAt`, is being answered, forgetting first the ids signed
    /// before `forgetBefore` (out of the signature window: such a copy is refused as too old anyway). Returns when
    /// the command was signed if its id was already recorded: a replay.
    public func rememberCommand(id: String, signedAt: Date, forgetBefore: Date) throws(StoreError) -> Date? {
        try write("remember a signed command") { db in
            try db.execute(sql: "DELETE FROM uplinkCommand WHERE signedAt < ?",
                           arguments: [forgetBefore.timeIntervalSince1970])
            if let seen = try Double.fetchOne(db, sql: "SELECT signedAt FROM uplinkCommand WHERE id = ?",
                                              arguments: [id]) {
                return Date(timeIntervalSince1970: seen)
            }
            try db.execute(sql: "INSERT INTO uplinkCommand (id, signedAt) VALUES (?, ?)",
                           arguments: [id, signedAt.timeIntervalSince1970])
            return nil
        }
    }
}
