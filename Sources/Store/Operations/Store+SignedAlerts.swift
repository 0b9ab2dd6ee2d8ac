import AlertTrust
import ControlProtocol
import Foundation
import GRDB

extension Store {
    /// Runs the replay check of a verified signed message and what follows from it in ONE write transaction
    /// (issue 14, point 3): the replay row, the alert to air (`airing`, for an alert or update) and the cancelling of
    /// the alerts it closes are committed together or not at all, so a crash or a refusal (media missing) never
    /// leaves a message recorded as seen that did not take effect, nor one in effect that a replay would not
    /// recognise.
    ///
    /// A duplicate or an equivocation changes nothing; a suppressed message (a newer word already closed it) is
    /// recorded and never airs.
    ///
    /// - Throws: ``StoreError/notFound(what:name:)`` when `airing` names media the site does not hold;
    ///   ``StoreError/invalid(what:reason:)`` when it breaks a rule or its key is already taken.
    public func admitSignedAlert(
        _ candidate: ReplayCandidate, replayGuard: ReplayGuard, airing: AlertRecord?
    ) throws(StoreError) -> SignedAlertAdmission {
        let stamp = now()
        let toAir = try airing.map { airing throws(StoreError) in
            var record = try airing.validated()
            record.createdAt = StoreTime.rounded(record.createdAt)
            record.updatedAt = stamp
            return record
        }
        return try write("admit signed alert \(candidate.key)") { db in
            let decision = try replayGuard.admit(candidate, store: DatabaseReplayStore(db: db))
            guard case .accepted(let closes, _) = decision else {
                return SignedAlertAdmission(decision: decision, stored: nil, closed: [])
            }
            var closed: [AlertRecord] = []
            for key in closes {
                guard var alert = try AlertRecord.fetchOne(db, key: ["issuer": key.issuer, "id": key.id]),
                      alert.state != .cancelled else { continue }
                alert.state = .cancelled
                alert.updatedAt = stamp
                alert.lastOutcome = "\(candidate.messageType == .cancel ? "cancelled" : "replaced") by "
                    + "\(candidate.key.id)"
                try alert.update(db)
                closed.append(alert)
            }
            guard let toAir else { return SignedAlertAdmission(decision: decision, stored: nil, closed: closed) }
            if try AlertRecord.exists(db, key: ["issuer": toAir.issuer, "id": toAir.id]) {
                throw StoreError.invalid(what: "alert \(toAir.key)", reason: "an alert with this issuer and id is "
                                         + "already stored, though the replay store has never seen it")
            }
            if let sha = toAir.mediaSHA256, try !MediaRecord.exists(db, key: sha) {
                throw StoreError.notFound(what: "media", name: sha)
            }
            try toAir.insert(db)
            return SignedAlertAdmission(decision: decision, stored: toAir, closed: closed)
        }
    }

    /// The replay row for `key`, if any.
    public func replayEntry(for key: AlertKey) throws(StoreError) -> ReplayEntry? {
        try read("look up replay row \(key)") { db in try DatabaseReplayStore(db: db).entry(for: key) }
    }

    /// Every replay row, by issuer and id.
    public func replayEntries() throws(StoreError) -> [ReplayEntry] {
        try read("list replay rows") { db in try DatabaseReplayStore(db: db).all() }
    }

    /// The role the message `key` was issued with, for the verifier's reference check; `nil` if it never arrived,
    /// and `admin` when the store cannot be read, so the check fails closed.
    public func recordedRole(of key: AlertKey) -> Role? {
        do {
            return try replayEntry(for: key)?.authority
        } catch {
            return .admin
        }
    }

    /// Deletes the replay rows kept until before `now`; returns how many.
    public func pruneReplay(now: Date, replayGuard: ReplayGuard) throws(StoreError) -> Int {
        try write("prune replay rows") { db in try replayGuard.prune(now: now, store: DatabaseReplayStore(db: db)) }
    }
}
