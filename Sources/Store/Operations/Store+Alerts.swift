import Foundation
import GRDB

extension Store {
    /// Accepts an alert, idempotently: the province may resend the same id (a retry after a timeout, a fan-out run
    /// twice), and a resend must neither play it again nor change it. A new id is stored as given, with
    /// `updatedAt` stamped now.
    ///
    /// - Returns: the stored alert, and `duplicate: true` when the id was already known (nothing changed).
    /// - Throws: ``StoreError/alertCancelled(id:)`` when the id was cancelled, so a replay cannot revive it;
    ///   ``StoreError/notFound(what:name:)`` when its media is not in the library;
    ///   ``StoreError/invalid(what:reason:)`` when a field breaks a rule.
    @discardableResult
    public func pushAlert(_ alert: AlertRecord) throws(StoreError) -> (record: AlertRecord, duplicate: Bool) {
        var alert = try alert.validated()
        alert.createdAt = StoreTime.rounded(alert.createdAt)
        alert.updatedAt = now()
        let stored = alert
        return try write("push alert '\(alert.id)'") { db in
            if let existing = try AlertRecord.fetchOne(db, key: stored.id) {
                guard existing.state != .cancelled else {
                    throw StoreError.alertCancelled(id: stored.id)
                }
                return (existing, true)
            }
            if let sha = stored.mediaSHA256, try !MediaRecord.exists(db, key: sha) {
                throw StoreError.notFound(what: "media", name: sha)
            }
            try stored.insert(db)
            return try (Self.fetchAlert(db, id: stored.id), false)
        }
    }

    /// Cancels an alert: a live one stops being due (the daemon also stops it if it is on air), and a finished one
    /// (done, expired, failed) is marked cancelled too, so that a later replay of its id is refused by
    /// ``pushAlert(_:)`` instead of being reported as a harmless duplicate. Cancelling twice is not an error.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)`` for an unknown id.
    @discardableResult
    public func cancelAlert(id: String) throws(StoreError) -> AlertRecord {
        let stamp = now()
        return try write("cancel alert '\(id)'") { db in
            var alert = try Self.fetchAlert(db, id: id)
            guard alert.state != .cancelled else {
                return alert
            }
            alert.state = .cancelled
            alert.updatedAt = stamp
            try alert.update(db)
            return alert
        }
    }

    /// The alert with this id, if any.
    public func alert(id: String) throws(StoreError) -> AlertRecord? {
        try read("look up alert '\(id)'") { db in
            try AlertRecord.fetchOne(db, key: id)
        }
    }

    /// Alerts, newest first: only the live ones (pending, playing), or all of them with `includeFinished`.
    public func listAlerts(includeFinished: Bool = false) throws(StoreError) -> [AlertRecord] {
        let filter = includeFinished ? "" : "WHERE state IN ('pending', 'playing')"
        return try read("list alerts") { db in
            try AlertRecord.fetchAll(db, sql: "SELECT * FROM alert \(filter) ORDER BY createdAt DESC, id DESC")
        }
    }

    /// The alerts the engine still has to play (pending or playing), soonest due first. After a restart this is
    /// where repeats resume; call ``expireAlerts(now:)`` first so nothing past its expiry comes back.
    public func pendingAlerts() throws(StoreError) -> [AlertRecord] {
        try read("list pending alerts") { db in
            try AlertRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM alert WHERE state IN ('pending', 'playing')
                    ORDER BY nextDueAt, createdAt, id
                    """
            )
        }
    }

    /// Saves the engine's progress on an alert (repeats done, next due, state, last outcome) and stamps
    /// `updatedAt`. A cancel wins over the engine: an update to an alert that was cancelled meanwhile is refused,
    /// so a repeat finishing just after the cancel cannot flip it back to pending or done.
    ///
    /// - Returns: the alert as stored.
    /// - Throws: ``StoreError/notFound(what:name:)``, ``StoreError/alertCancelled(id:)``,
    ///   ``StoreError/invalid(what:reason:)``.
    @discardableResult
    public func updateAlert(_ alert: AlertRecord) throws(StoreError) -> AlertRecord {
        var alert = try alert.validated()
        alert.updatedAt = now()
        let changed = alert
        return try write("update alert '\(alert.id)'") { db in
            let stored = try Self.fetchAlert(db, id: changed.id)
            if stored.state == .cancelled, changed.state != .cancelled {
                throw StoreError.alertCancelled(id: changed.id)
            }
            try changed.update(db)
            return try Self.fetchAlert(db, id: changed.id)
        }
    }

    /// Marks every pending alert whose expiry is at or before `now` as expired, and returns them so the daemon
    /// can write each to the as-run log. Playing alerts are left to the engine, which stops them itself.
    public func expireAlerts(now: Date) throws(StoreError) -> [AlertRecord] {
        let cutoff = StoreTime.seconds(now)
        let stamp = StoreTime.rounded(now)
        return try write("expire alerts") { db in
            let due = try AlertRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM alert WHERE state = 'pending' AND expiresAt IS NOT NULL AND expiresAt <= ?
                    ORDER BY expiresAt, id
                    """,
                arguments: [cutoff]
            )
            return try due.map { alert in
                var alert = alert
                alert.state = .expired
                alert.updatedAt = stamp
                alert.lastOutcome = "expired"
                try alert.update(db)
                return alert
            }
        }
    }

    /// The alert with `id`, or ``StoreError/notFound(what:name:)``.
    private static func fetchAlert(_ db: Database, id: String) throws -> AlertRecord {
        guard let alert = try AlertRecord.fetchOne(db, key: id) else {
            throw StoreError.notFound(what: "alert", name: id)
        }
        return alert
    }
}
