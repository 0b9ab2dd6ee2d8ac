import Foundation
import GRDB

extension Store {
    /// Appends one audit entry and returns it with its id. The summary is cut to
    /// ``AuditEntry/maximumSummaryLength`` characters.
    @discardableResult
    public func appendAudit(_ entry: AuditEntry) throws(StoreError) -> AuditEntry {
        let prepared = try entry.prepared()
        return try write("append audit entry for \(entry.method)") { db in
            try prepared.inserted(db)
        }
    }

    /// The latest audit entries, newest first; `limit` is clamped to 1…``maximumQueryLimit``.
    public func audit(limit: Int = defaultQueryLimit) throws(StoreError) -> [AuditEntry] {
        let limit = min(max(limit, 1), Self.maximumQueryLimit)
        return try read("read the audit log") { db in
            try AuditEntry.fetchAll(
                db,
                sql: "SELECT * FROM audit ORDER BY at DESC, id DESC LIMIT ?",
                arguments: [limit]
            )
        }
    }
}
