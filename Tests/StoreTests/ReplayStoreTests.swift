import AlertTrust
import ControlProtocol
import Foundation
import Testing
@testable import Store

/// The replay store of signed alerts in SQLite (migration v8): the same scenarios as AlertTrust's `ReplayGuard`
/// tests over the in-memory store, then what only the database gives: rows that survive reopening the file, and
/// the replay row committed with the airing or not at all.
@Suite("ReplayStore in SQLite")
struct ReplayStoreTests {
    private let start = Fixture.epoch
    private let guardian = ReplayGuard(retention: 30 * 86_400, maximumLifetime: 7 * 86_400)
    private static let issuer = "So TT-TT An Giang"

    private func key(_ id: String) -> AlertKey { AlertKey(issuer: Self.issuer, id: id) }

    private func message(
        _ id: String, _ type: AlertMessageType = .alert, references: [String] = [], sentAfter seconds: TimeInterval = 0,
        digit: Character = "a", authority: Role = .provincial
    ) -> ReplayCandidate {
        ReplayCandidate(
            key: key(id), payloadHash: Fixture.sha(digit, prefix: String(id.unicodeScalars.count, radix: 16)),
            messageType: type, references: references.map(key), sent: start.addingTimeInterval(seconds),
            expires: start.addingTimeInterval(seconds + 3_600), authority: authority
        )
    }

    /// The alert `message` airs: tone only, so it needs no media.
    private func airing(_ id: String) -> AlertRecord {
        var record = Fixture.alert(id, sha: nil, issuer: Self.issuer)
        record.drafter = "nguyen-van-a (sha256 AB:CD…)"
        record.approvers = "tran-thi-b (sha256 12:34…)"
        return record
    }

    private func admit(_ store: Store, _ message: ReplayCandidate, airs: Bool = true) throws -> SignedAlertAdmission {
        try store.admitSignedAlert(message, replayGuard: guardian,
                                   airing: airs && message.messageType != .cancel ? airing(message.key.id) : nil)
    }

    @Test("the same payload again is a duplicate, other content under the id an equivocation; neither changes a row")
    func duplicatesAndEquivocation() throws {
        let store = try Fixture.store()
        let first = try admit(store, message("a"))
        #expect(first.decision == .accepted(closes: [], overruledTombstone: nil))
        #expect(first.stored?.drafter == "nguyen-van-a (sha256 AB:CD…)")
        let rows = try store.replayEntries()
        guard case .duplicate(let entry) = try admit(store, message("a")).decision else {
            Issue.record("a replay was not a duplicate")
            return
        }
        #expect(entry.state == .open && entry.payloadHash == message("a").payloadHash)
        let other = message("a", digit: "b")
        #expect(try admit(store, other).decision == .equivocation(
            key: key("a"), storedHash: message("a").payloadHash, receivedHash: other.payloadHash))
        #expect(try store.replayEntries() == rows)
        #expect(try store.listAlerts(includeFinished: true).count == 1)
    }

    @Test("a cancel takes the alert off in the same transaction; a replay after it is still a duplicate")
    func cancelClosesTheAlert() throws {
        let store = try Fixture.store()
        _ = try admit(store, message("a"))
        let cancel = try admit(store, message("c", .cancel, references: ["a"], sentAfter: 60))
        #expect(cancel.decision == .accepted(closes: [key("a")], overruledTombstone: nil))
        #expect(cancel.closed.map(\.key) == [key("a")])
        #expect(try store.alert(key: key("a"))?.state == .cancelled)
        #expect(try store.replayEntry(for: key("a"))?.state == .closed)
        guard case .duplicate = try admit(store, message("a")).decision else {
            Issue.record("a replay after the cancel was not a duplicate")
            return
        }
        #expect(try store.alert(key: key("a"))?.state == .cancelled)
    }

    @Test("a cancel before its alert leaves a tombstone, and the alert never airs")
    func tombstone() throws {
        let store = try Fixture.store()
        _ = try admit(store, message("c", .cancel, references: ["a"], sentAfter: 60))
        #expect(try store.replayEntry(for: key("a"))?.state == .tombstone)
        let late = try admit(store, message("a"))
        guard case .suppressed(let closure) = late.decision else {
            Issue.record("the alert after its cancel was not suppressed: \(late.decision)")
            return
        }
        #expect(closure.id == "c" && closure.authority == .provincial)
        #expect(late.stored == nil)
        #expect(try store.alert(key: key("a")) == nil)
        #expect(try store.replayEntry(for: key("a"))?.state == .closed)
    }

    @Test("an older update arriving after a newer one is recorded but never airs", arguments: [false, true])
    func updatesOutOfOrder(newerFirst: Bool) throws {
        let store = try Fixture.store()
        _ = try admit(store, message("a"))
        let older = message("u1", .update, references: ["a"], sentAfter: 60)
        let newer = message("u2", .update, references: ["a"], sentAfter: 120)
        for update in newerFirst ? [newer, older] : [older, newer] { _ = try admit(store, update) }
        let live = try store.listAlerts().map(\.id)
        #expect(live == ["u2"])
        #expect(try store.replayEntry(for: key("u1"))?.state == .closed)
    }

    @Test("rows outlive their message by the retention, then are pruned")
    func retention() throws {
        let store = try Fixture.store()
        _ = try admit(store, message("a"))
        _ = try admit(store, message("c", .cancel, references: ["x"]))
        let keep = try #require(try store.replayEntry(for: key("a"))).keepUntil
        #expect(abs(keep.timeIntervalSince(start.addingTimeInterval(3_600 + 30 * 86_400))) < 0.001)
        #expect(try store.pruneReplay(now: keep, replayGuard: guardian) == 0)
        #expect(try store.pruneReplay(now: keep.addingTimeInterval(1), replayGuard: guardian) == 2)
        #expect(try store.replayEntry(for: key("x")) != nil)
    }

    @Test("media the site lacks refuses the whole admission: no replay row, no alert")
    func refusedAiringLeavesNothing() throws {
        let store = try Fixture.store()
        let missing = Fixture.alert("a", sha: Fixture.sha("e"), issuer: Self.issuer)
        #expect(throws: StoreError.notFound(what: "media", name: Fixture.sha("e"))) {
            try store.admitSignedAlert(message("a"), replayGuard: guardian, airing: missing)
        }
        #expect(try store.replayEntries().isEmpty)
        #expect(try store.alert(key: key("a")) == nil)
        #expect(try admit(store, message("a")).decision.isAccepted)
    }

    @Test("the rows survive closing and reopening the file, so a replay after a restart is a duplicate")
    func survivesRestart() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        do {
            let store = try Store(path: path, clock: Fixture.clock)
            _ = try admit(store, message("a"))
            _ = try admit(store, message("c", .cancel, references: ["b"], sentAfter: 60))
            try store.close()
        }
        let reopened = try Store(path: path, clock: Fixture.clock)
        defer { try? reopened.close() }
        #expect(try reopened.appliedMigrations().last == "v8-alert-replay")
        guard case .duplicate = try admit(reopened, message("a")).decision else {
            Issue.record("a replay after reopening was not a duplicate")
            return
        }
        #expect(try reopened.replayEntry(for: key("b"))?.state == .tombstone)
        #expect(reopened.recordedRole(of: key("a")) == .provincial)
        #expect(reopened.recordedRole(of: key("z")) == nil)
    }
}
