import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// The replay and equivocation state machine over the in-memory store: duplicates, equivocation, tombstones, update
/// chains in every arrival order, and retention.
@Suite("ReplayGuard")
struct ReplayGuardTests {
    private let start = Date(timeIntervalSince1970: 1_795_420_800)
    private let guardian = ReplayGuard(retention: 30 * 86_400, maximumLifetime: 7 * 86_400)

    private func message(
        _ id: String, _ type: AlertMessageType = .alert, references: [String] = [], sentAfter seconds: TimeInterval = 0,
        hash: String? = nil, authority: Role = .provincial
    ) -> ReplayCandidate {
        ReplayCandidate(
            key: AlertKey(issuer: "so-tt-an-giang", id: id), payloadHash: hash ?? "hash-of-\(id)", messageType: type,
            references: references.map { AlertKey(issuer: "so-tt-an-giang", id: $0) },
            sent: start.addingTimeInterval(seconds), expires: start.addingTimeInterval(seconds + 3_600),
            authority: authority
        )
    }

    private func key(_ id: String) -> AlertKey { AlertKey(issuer: "so-tt-an-giang", id: id) }

    /// Which ids are open (received, not closed) after admitting `messages` in order.
    private func openIDs(after messages: [ReplayCandidate]) throws -> [String] {
        let store = InMemoryReplayStore()
        for message in messages { _ = try guardian.admit(message, store: store) }
        return store.entries.filter { $0.state == .open && $0.messageType != .cancel }.map(\.key.id)
    }

    @Test("the same payload again is a duplicate, before and after a cancel; other content under the id is an alarm")
    func duplicatesAndEquivocation() throws {
        let store = InMemoryReplayStore()
        #expect(try guardian.admit(message("a"), store: store) == .accepted(closes: [], overruledTombstone: nil))
        guard case .duplicate(let entry) = try guardian.admit(message("a"), store: store) else {
            Issue.record("a replay was not a duplicate")
            return
        }
        #expect(entry.state == .open)
        #expect(try guardian.admit(message("a", hash: "other"), store: store)
                == .equivocation(key: key("a"), storedHash: "hash-of-a", receivedHash: "other"))
        #expect(try guardian.admit(message("c", .cancel, references: ["a"], sentAfter: 60), store: store)
                == .accepted(closes: [key("a")], overruledTombstone: nil))
        guard case .duplicate(let after) = try guardian.admit(message("a"), store: store) else {
            Issue.record("a replay after the cancel was not a duplicate")
            return
        }
        #expect(after.state == .closed && after.closedBy?.id == "c")
        let cancel = message("c", .cancel, references: ["a"], sentAfter: 60)
        guard case .duplicate = try guardian.admit(cancel, store: store) else {
            Issue.record("a replayed cancel was not a duplicate")
            return
        }
        #expect(store.entries.count == 2)
    }

    @Test("a cancel before its alert leaves a tombstone, and the alert never airs")
    func tombstone() throws {
        let store = InMemoryReplayStore()
        #expect(try guardian.admit(message("c", .cancel, references: ["a"], sentAfter: 60), store: store)
                == .accepted(closes: [], overruledTombstone: nil))
        #expect(store.entry(for: key("a"))?.state == .tombstone)
        let closure = ReplayClosure(id: "c", messageType: .cancel, sent: start.addingTimeInterval(60),
                                    authority: .provincial)
        #expect(try guardian.admit(message("a"), store: store) == .suppressed(by: closure))
        #expect(store.entry(for: key("a"))?.state == .closed)
        guard case .duplicate = try guardian.admit(message("a"), store: store) else {
            Issue.record("the suppressed alert's replay was not a duplicate")
            return
        }
        #expect(try guardian.admit(message("a", hash: "other"), store: store).isAccepted == false)
    }

    @Test("a tombstone left by a lower role does not hold back an alert issued with a higher one")
    func lowerTombstone() throws {
        let store = InMemoryReplayStore()
        _ = try guardian.admit(message("c", .cancel, references: ["a"], sentAfter: 60, authority: .operator),
                               store: store)
        let closure = ReplayClosure(id: "c", messageType: .cancel, sent: start.addingTimeInterval(60),
                                    authority: .operator)
        #expect(try guardian.admit(message("a", authority: .provincial), store: store)
                == .accepted(closes: [], overruledTombstone: closure))
        #expect(store.entry(for: key("a"))?.state == .open)
    }

    @Test("an update chain ends on its newest message in every arrival order")
    func updateChainOrders() throws {
        let alert = message("a")
        let first = message("u1", .update, references: ["a"], sentAfter: 60)
        let second = message("u2", .update, references: ["a", "u1"], sentAfter: 120)
        let secondAlone = message("u2", .update, references: ["a"], sentAfter: 120)
        for chain in [[alert, first, second], [alert, first, secondAlone]] {
            for order in permutations(chain) {
                #expect(try openIDs(after: order) == ["u2"], "order \(order.map(\.key.id))")
            }
        }
    }

    @Test("an older update arriving late is recorded but never replaces the newer one")
    func lateOlderUpdate() throws {
        let store = InMemoryReplayStore()
        _ = try guardian.admit(message("a"), store: store)
        #expect(try guardian.admit(message("u2", .update, references: ["a"], sentAfter: 120), store: store)
                == .accepted(closes: [key("a")], overruledTombstone: nil))
        guard case .suppressed(let by) = try guardian.admit(message("u1", .update, references: ["a"], sentAfter: 60),
                                                            store: store)
        else {
            Issue.record("the late older update was not suppressed")
            return
        }
        #expect(by.id == "u2")
        #expect(store.entry(for: key("u2"))?.state == .open)
        #expect(store.entry(for: key("u1"))?.state == .closed)
    }

    @Test("a cancel of the original alert also closes the older updates that replaced it, but not newer ones")
    func cancelClosesThread() throws {
        let store = InMemoryReplayStore()
        _ = try guardian.admit(message("a"), store: store)
        _ = try guardian.admit(message("u1", .update, references: ["a"], sentAfter: 60), store: store)
        #expect(try guardian.admit(message("c", .cancel, references: ["a"], sentAfter: 120), store: store)
                == .accepted(closes: [key("a"), key("u1")], overruledTombstone: nil))
        #expect(store.entries.filter { $0.state == .open }.map(\.key.id) == ["c"])

        let later = InMemoryReplayStore()
        _ = try guardian.admit(message("a"), store: later)
        _ = try guardian.admit(message("u3", .update, references: ["a"], sentAfter: 300), store: later)
        guard case .suppressed(let by) = try guardian.admit(message("c", .cancel, references: ["a"], sentAfter: 120),
                                                            store: later)
        else {
            Issue.record("a cancel older than the update on air took effect")
            return
        }
        #expect(by.id == "u3")
        #expect(later.entry(for: key("u3"))?.state == .open)
    }

    @Test("rows are kept for the retention past expiry, tombstones past the longest lifetime, then pruned")
    func retention() throws {
        let store = InMemoryReplayStore()
        _ = try guardian.admit(message("a"), store: store)
        _ = try guardian.admit(message("c", .cancel, references: ["b"], sentAfter: 60), store: store)
        let expiry = start.addingTimeInterval(3_600)
        #expect(store.entry(for: key("a"))?.keepUntil == expiry.addingTimeInterval(30 * 86_400))
        #expect(store.entry(for: key("b"))?.keepUntil == start.addingTimeInterval(60 + 37 * 86_400))
        #expect(try guardian.prune(now: expiry.addingTimeInterval(29 * 86_400), store: store) == 0)
        #expect(try guardian.prune(now: expiry.addingTimeInterval(31 * 86_400), store: store) == 2)
        #expect(store.entries.map(\.key.id) == ["b"])
        #expect(try guardian.prune(now: start.addingTimeInterval(38 * 86_400), store: store) == 1)
        #expect(store.entries.isEmpty)
    }

    @Test("recordedRole answers the verifier's lookup from the store")
    func recordedRole() throws {
        let store = InMemoryReplayStore()
        _ = try guardian.admit(message("a", authority: .operator), store: store)
        _ = try guardian.admit(message("c", .cancel, references: ["b"], sentAfter: 60), store: store)
        #expect(store.recordedRole(of: key("a")) == .operator)
        #expect(store.recordedRole(of: key("b")) == nil)
        #expect(store.recordedRole(of: key("z")) == nil)
    }

    private func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let item = rest.remove(at: index)
            return permutations(rest).map { [item] + $0 }
        }
    }
}
