import ControlProtocol
import Foundation
import GRDB

extension Store {
    /// Accepts an alert, idempotently per issuer: the province may resend the same id (a retry after a timeout, a
    /// fan-out run twice), and a resend must neither play it again nor change it. Alerts are keyed by
    /// ``AlertRecord/key``, so the same id from another issuer is another alert, and a push of a higher level than
    /// the issuer's alert of that id replaces it (an escalation is never swallowed as a duplicate). A new alert is
    /// stored as given, with `updatedAt` stamped now.
    ///
    /// - Returns: the stored alert; `duplicate` when the issuer had this id at this level or higher (nothing
    ///   changed); `replaced` when a lower-level alert of the issuer's was escalated.
    /// - Throws: ``StoreError/alertCancelled(id:)`` when the issuer's id was cancelled, so a replay cannot revive it;
    ///   ``StoreError/notFound(what:name:)`` when its media is not in the library;
    ///   ``StoreError/invalid(what:reason:)`` when a field breaks a rule.
    @discardableResult
    public func pushAlert(_ alert: AlertRecord) throws(StoreError) -> AlertPushResult {
        var alert = try alert.validated()
        alert.createdAt = StoreTime.rounded(alert.createdAt)
        alert.updatedAt = now()
        let stored = alert
        return try write("push alert \(alert.key)") { db in
            let existing = try Self.fetchAlert(db, key: stored.key)
            if let existing {
                guard existing.state != .cancelled else {
                    throw StoreError.alertCancelled(id: stored.id)
                }
                guard stored.level > existing.level else { return AlertPushResult(record: existing, duplicate: true) }
            }
            if let sha = stored.mediaSHA256, try !MediaRecord.exists(db, key: sha) {
                throw StoreError.notFound(what: "media", name: sha)
            }
            try stored.save(db)
            return AlertPushResult(record: try Self.requireAlert(db, key: stored.key), duplicate: false,
                                   replaced: existing)
        }
    }

    /// Cancels one alert: a live one stops being due (the daemon also stops it if it is on air), and a finished one
    /// (done, expired, failed) is marked cancelled too, so that a later replay of its key is refused by
    /// ``pushAlert(_:)`` instead of being reported as a harmless duplicate. Cancelling twice is not an error.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)`` for an unknown key.
    @discardableResult
    public func cancelAlert(key: AlertKey) throws(StoreError) -> AlertRecord {
        let stamp = now()
        return try write("cancel alert \(key)") { db in
            try Self.cancel(try Self.requireAlert(db, key: key), db: db, at: stamp)
        }
    }

    /// Cancels, in one transaction, every alert with this id (only `issuer`'s, when given) that was pushed with
    /// `role` or a lower one: a provincial cancel of `storm-9` silences an operator's `storm-9` and its own, never an
    /// admin's. Alerts already cancelled are returned as they are.
    ///
    /// - Returns: the alerts it reached, by issuer.
    /// - Throws: ``StoreError/notFound(what:name:)`` when no alert has this id (from `issuer`);
    ///   ``StoreError/alertOutranked(id:role:)`` when every one was pushed with a higher role.
    public func cancelAlerts(id: String, issuer: String? = nil, upTo role: Role) throws(StoreError) -> [AlertRecord] {
        let stamp = now()
        return try write("cancel alert '\(id)'") { db in
            let found = try AlertRecord.fetchAll(
                db, sql: "SELECT * FROM alert WHERE id = ? AND (? IS NULL OR issuer = ?) ORDER BY issuer",
                arguments: [id, issuer, issuer]
            )
            guard !found.isEmpty else {
                throw StoreError.notFound(what: "alert", name: issuer.map { "\(id)' from '\($0)" } ?? id)
            }
            let reachable = found.filter { $0.issuerRole <= role }
            guard !reachable.isEmpty else { throw StoreError.alertOutranked(id: id, role: role.rawValue) }
            return try reachable.map { try Self.cancel($0, db: db, at: stamp) }
        }
    }

    /// The alert with this key, if any.
    public func alert(key: AlertKey) throws(StoreError) -> AlertRecord? {
        try read("look up alert \(key)") { db in
            try Self.fetchAlert(db, key: key)
        }
    }

    /// Every alert with this id, whoever issued it, by issuer.
    public func alerts(id: String) throws(StoreError) -> [AlertRecord] {
        try read("look up alert '\(id)'") { db in
            try AlertRecord.fetchAll(db, sql: "SELECT * FROM alert WHERE id = ? ORDER BY issuer", arguments: [id])
        }
    }

    /// Alerts, newest first: only the live ones (pending, playing), or all of them with `includeFinished`.
    public func listAlerts(includeFinished: Bool = false) throws(StoreError) -> [AlertRecord] {
        let filter = includeFinished ? "" : "WHERE state IN ('pending', 'playing')"
        return try read("list alerts") { db in
            try AlertRecord.fetchAll(
                db, sql: "SELECT * FROM alert \(filter) ORDER BY createdAt DESC, id DESC, issuer DESC"
            )
        }
    }

    /// The alerts the engine still has to play (pending or playing), soonest due first. After a restart this is
    /// where repeats resume; call ``expireAlerts(now:)`` first so nothing past its expiry comes back.
    public func pendingAlerts() throws(StoreError) -> [AlertRecord] {
        try read("list pending alerts") { db in
            // Read every second by the alerts timer: prepared once per connection, not parsed each time.
            try AlertRecord.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM alert WHERE state IN ('pending', 'playing')
                ORDER BY nextDueAt, createdAt, id, issuer
                """))
        }
    }

    /// Saves the engine's progress on an alert (repeats done, next due, state, last outcome) and stamps
    /// `updatedAt`. A cancel wins over the engine: an update to an alert that was cancelled meanwhile is refused,
    /// so a repeat finishing just after the cancel cannot flip it back to pending or done. With `readAt` (the
    /// `updatedAt` of the record the caller changed), an alert rewritten since (an escalation replaces the record)
    /// is left as it is, so the engine's report on the old airing cannot overwrite the new level.
    ///
    /// - Returns: the alert as stored.
    /// - Throws: ``StoreError/notFound(what:name:)``, ``StoreError/alertCancelled(id:)``,
    ///   ``StoreError/alertChanged(id:)``, ``StoreError/invalid(what:reason:)``.
    @discardableResult
    public func updateAlert(_ alert: AlertRecord, readAt: Date? = nil) throws(StoreError) -> AlertRecord {
        var alert = try alert.validated()
        alert.updatedAt = now()
        let changed = alert
        return try write("update alert \(alert.key)") { db in
            let stored = try Self.requireAlert(db, key: changed.key)
            if stored.state == .cancelled, changed.state != .cancelled {
                throw StoreError.alertCancelled(id: changed.id)
            }
            if let readAt, stored.updatedAt != readAt { throw StoreError.alertChanged(id: changed.id) }
            try changed.update(db)
            return try Self.requireAlert(db, key: changed.key)
        }
    }

    /// Marks every pending alert whose expiry is at or before `now` as expired, and returns them so the daemon
    /// can write each to the as-run log. Playing alerts are left to the engine, which stops them itself.
    public func expireAlerts(now: Date) throws(StoreError) -> [AlertRecord] {
        let cutoff = StoreTime.seconds(now)
        let stamp = StoreTime.rounded(now)
        // The alerts timer asks every second; a write transaction (and its commit hooks) only when one is due.
        let anyDue = try read("look for expired alerts") { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM alert WHERE state = 'pending' AND expiresAt IS NOT NULL AND expiresAt <= ?)
                """), arguments: [cutoff]) ?? false
        }
        guard anyDue else { return [] }
        return try write("expire alerts") { db in
            let due = try AlertRecord.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM alert WHERE state = 'pending' AND expiresAt IS NOT NULL AND expiresAt <= ?
                ORDER BY expiresAt, id, issuer
                """), arguments: [cutoff])
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

    /// The alert with `key`, if any.
    private static func fetchAlert(_ db: Database, key: AlertKey) throws -> AlertRecord? {
        try AlertRecord.fetchOne(db, key: ["issuer": key.issuer, "id": key.id])
    }

    /// The alert with `key`, or ``StoreError/notFound(what:name:)``.
    private static func requireAlert(_ db: Database, key: AlertKey) throws -> AlertRecord {
        guard let alert = try fetchAlert(db, key: key) else {
            throw StoreError.notFound(what: "alert", name: key.id)
        }
        return alert
    }

    /// Marks `alert` cancelled (unless it is already) and returns it as stored.
    private static func cancel(_ alert: AlertRecord, db: Database, at stamp: Date) throws -> AlertRecord {
        guard alert.state != .cancelled else { return alert }
        var alert = alert
        alert.state = .cancelled
        alert.updatedAt = stamp
        try alert.update(db)
        return alert
    }
}
