import ControlProtocol
import Foundation

/// Replay and equivocation protection as a pure state machine over a ``ReplayStore`` (issue 14, point 3).
///
/// - The same payload under the same (issuer, id) again is a duplicate and does not air: a replayed recording or a
///   retransmission changes nothing, before or after a cancel.
/// - The same (issuer, id) with a different payload is an equivocation: refused and alarmed.
/// - An update or cancel closes the messages it references; one that names an id the site has not seen leaves a
///   tombstone, and that message never airs when it comes.
/// - The newer word wins (by `sent`, then id): an update that arrives after a newer one for the same alert is
///   recorded and suppressed, and a cancel of an alert also closes the updates that replaced it, if they are older
///   than the cancel. Every site thus ends in the same state whatever order the messages arrive in.
/// - Rows are kept for ``retention`` past the message's expiry; tombstones for ``maximumLifetime`` plus that after
///   the closing message was sent, so they outlive any alert the verifier could still accept.
public struct ReplayGuard: Sendable {
    /// How long a row outlives its message's expiry (default 90 days).
    public var retention: TimeInterval
    /// The longest alert lifetime the verifier accepts (``AlertTrustPolicy/maximumLifetime``).
    public var maximumLifetime: TimeInterval

    /// Creates the guard.
    public init(retention: TimeInterval = 90 * 86_400, maximumLifetime: TimeInterval = 7 * 86_400) {
        self.retention = retention
        self.maximumLifetime = maximumLifetime
    }

    /// Decides what to do with `candidate` and records it. Run it inside the store's write transaction.
    public func admit(_ candidate: ReplayCandidate, store: some ReplayStore) throws -> ReplayDecision {
        let keepUntil = candidate.expires.addingTimeInterval(retention)
        var entry = ReplayEntry(key: candidate.key, payloadHash: nil, messageType: nil, sent: nil, authority: nil,
                                closedBy: nil, keepUntil: keepUntil)
        var overruled: ReplayClosure?
        if let existing = try store.entry(for: candidate.key) {
            if let stored = existing.payloadHash {
                guard stored == candidate.payloadHash else {
                    return .equivocation(key: candidate.key, storedHash: stored, receivedHash: candidate.payloadHash)
                }
                return .duplicate(existing)
            }
            entry = existing
            if let closure = existing.closedBy {
                if closure.authority >= candidate.authority {
                    entry.record(candidate, keepUntil: keepUntil)
                    try store.save(entry)
                    return .suppressed(by: closure)
                }
                overruled = closure
                entry.closedBy = nil
            }
        }
        entry.record(candidate, keepUntil: keepUntil)
        switch try targets(of: candidate, store: store) {
        case .stale(let closure):
            entry.closedBy = closure
            try store.save(entry)
            return .suppressed(by: closure)
        case .close(let targets):
            let closure = candidate.closure
            for var target in targets {
                target.closedBy = closure
                try store.save(target)
            }
            try store.save(entry)
            return .accepted(closes: targets.filter { $0.payloadHash != nil }.map(\.key),
                             overruledTombstone: overruled)
        }
    }

    /// Deletes rows kept until before `now`; returns how many.
    public func prune(now: Date, store: some ReplayStore) throws -> Int {
        try store.removeEntries(keptUntilBefore: now)
    }

    private enum Targets {
        case stale(ReplayClosure)
        case close([ReplayEntry])
    }

    /// The rows `candidate` closes: its references (tombstones for unknown ones) and, following each reference's
    /// replacing updates, the updates now on air in their place. Stale if a newer message closed any of them.
    private func targets(of candidate: ReplayCandidate, store: some ReplayStore) throws -> Targets {
        let tombstoneKeep = candidate.sent.addingTimeInterval(maximumLifetime + retention)
        var queue: [ReplayEntry] = []
        for key in candidate.references {
            queue.append(try store.entry(for: key) ?? ReplayEntry(
                key: key, payloadHash: nil, messageType: nil, sent: nil, authority: nil, closedBy: nil,
                keepUntil: tombstoneKeep
            ))
        }
        var visited: Set<AlertKey> = [candidate.key]
        var targets: [ReplayEntry] = []
        while !queue.isEmpty {
            let target = queue.removeFirst()
            guard visited.insert(target.key).inserted else { continue }
            if let closure = target.closedBy {
                if closure.isNewer(than: candidate) { return .stale(closure) }
                let successor = AlertKey(issuer: target.key.issuer, id: closure.id)
                if closure.messageType == .update, let replacing = try store.entry(for: successor) {
                    queue.append(replacing)
                }
            }
            targets.append(target)
        }
        return .close(targets)
    }
}
