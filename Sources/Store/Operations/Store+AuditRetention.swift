import Foundation
import GRDB

extension Store {
    /// Deletes what ``AuditRetention`` does not keep: entries older than its age, the oldest entries of callers
    /// without a role beyond their share, then the oldest entries beyond its row count. It deletes at most `batch`
    /// rows per transaction, so a large backlog never holds the database's write lock for long: the as-run log and
    /// the control calls write between batches.
    ///
    /// - Returns: how many entries were deleted.
    @discardableResult
    public func pruneAudit(_ retention: AuditRetention, now: Date, batch: Int = 2_000) throws(StoreError) -> Int {
        let cutoff = StoreTime.seconds(now.addingTimeInterval(-retention.maximumAge))
        let passes: [(sql: String, arguments: StatementArguments)] = [
            ("SELECT id FROM audit WHERE at < ? ORDER BY id LIMIT ?", [cutoff]),
            ("""
             SELECT id FROM audit WHERE role = 'none' AND id <= (
                 SELECT id FROM audit WHERE role = 'none' ORDER BY id DESC LIMIT 1 OFFSET ?
             ) ORDER BY id LIMIT ?
             """, [retention.maximumRowsWithoutRole]),
            ("""
             SELECT id FROM audit WHERE id <= (
                 SELECT id FROM audit ORDER BY id DESC LIMIT 1 OFFSET ?
             ) ORDER BY id LIMIT ?
             """, [retention.maximumRows]),
        ]
        var deleted = 0
        for pass in passes {
            while true {
                var arguments = pass.arguments
                arguments += [batch]
                let count = try write("prune the audit log") { db in
                    try AuditEntry.deleteAll(db, keys: Int64.fetchAll(db, sql: pass.sql, arguments: arguments))
                }
                deleted += count
                if count < batch { break }
            }
        }
        return deleted
    }

    /// How many entries the audit log holds; for health and tests.
    public func auditCount() throws(StoreError) -> Int {
        try read("count the audit log") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0
        }
    }
}
