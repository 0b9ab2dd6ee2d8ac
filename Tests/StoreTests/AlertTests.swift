import BroadcastModel
import Foundation
import Testing
@testable import Store

/// Alerts: idempotent push, cancellation that replays cannot undo, engine updates and expiry.
@Suite("Alerts")
struct AlertTests {
    /// A store holding the media "bao-lu" that alerts can play.
    private func storeWithMedia() throws -> Store {
        let store = try Fixture.store()
        try store.insertMedia(Fixture.media("bao-lu", sha: Fixture.sha("a")))
        return store
    }

    @Test("a new alert is stored as given")
    func pushStoresTheAlertAsGiven() throws {
        let store = try storeWithMedia()
        let alert = Fixture.alert("LU-01", sha: Fixture.sha("a"))
        let result = try store.pushAlert(alert)
        #expect(!result.duplicate)
        #expect(result.record == alert)
        #expect(try store.alert(key: Fixture.key("LU-01")) == alert)
    }

    @Test("pushing the same id again returns the stored alert and changes nothing")
    func pushIsIdempotent() throws {
        let store = try storeWithMedia()
        let first = try store.pushAlert(Fixture.alert("LU-01", sha: Fixture.sha("a"))).record
        var replay = Fixture.alert("LU-01", sha: nil, repeats: 9)
        replay.level = .priority
        let result = try store.pushAlert(replay)
        #expect(result.duplicate)
        #expect(result.record == first)
        #expect(try store.alert(key: Fixture.key("LU-01")) == first)
        #expect(try store.listAlerts(includeFinished: true).count == 1)
    }

    @Test("a replay of a cancelled alert is refused and does not revive it")
    func cancelledAlertIsNotRevivedByAReplay() throws {
        let store = try storeWithMedia()
        try store.pushAlert(Fixture.alert("LU-01", sha: Fixture.sha("a")))
        let cancelled = try store.cancelAlert(key: Fixture.key("LU-01"))
        #expect(cancelled.state == .cancelled)
        #expect(throws: StoreError.alertCancelled(id: "LU-01")) {
            try store.pushAlert(Fixture.alert("LU-01", sha: Fixture.sha("a")))
        }
        #expect(try store.alert(key: Fixture.key("LU-01"))?.state == .cancelled)
        #expect(try store.pendingAlerts().isEmpty)
    }

    @Test("a finished alert can be cancelled, twice, and then refuses replays")
    func cancellingTwiceOrAfterTheEndStillRefusesReplays() throws {
        let store = try storeWithMedia()
        var alert = try store.pushAlert(Fixture.alert("LU-02", sha: Fixture.sha("a"), repeats: 1)).record
        alert.state = .done
        alert.repeatsDone = 1
        alert.lastOutcome = "aired"
        try store.updateAlert(alert)
        #expect(try store.pushAlert(Fixture.alert("LU-02", sha: Fixture.sha("a"))).duplicate)

        let cancelled = try store.cancelAlert(key: Fixture.key("LU-02"))
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.lastOutcome == "aired")
        #expect(try store.cancelAlert(key: Fixture.key("LU-02")) == cancelled)
        #expect(throws: StoreError.alertCancelled(id: "LU-02")) {
            try store.pushAlert(Fixture.alert("LU-02", sha: Fixture.sha("a")))
        }
    }

    @Test("unknown alert ids are notFound")
    func unknownIdsAreNotFound() throws {
        let store = try storeWithMedia()
        #expect(throws: StoreError.notFound(what: "alert", name: "nope")) {
            try store.cancelAlert(key: Fixture.key("nope"))
        }
        #expect(throws: StoreError.notFound(what: "alert", name: "nope")) {
            try store.updateAlert(Fixture.alert("nope", sha: nil))
        }
        #expect(try store.alert(key: Fixture.key("nope")) == nil)
    }

    @Test("push needs known media, at least one repeat, and media or tone")
    func pushNeedsKnownMediaAndSaneFields() throws {
        let store = try storeWithMedia()
        #expect(throws: StoreError.notFound(what: "media", name: Fixture.sha("b"))) {
            try store.pushAlert(Fixture.alert("LU-03", sha: Fixture.sha("b")))
        }
        #expect(throws: StoreError.self) {
            try store.pushAlert(Fixture.alert("LU-03", sha: Fixture.sha("a"), repeats: 0))
        }
        var silent = Fixture.alert("LU-03", sha: nil)
        silent.tone = false
        #expect(throws: StoreError.self) {
            try store.pushAlert(silent)
        }
        #expect(try store.pushAlert(Fixture.alert("LU-04", sha: nil)).record.mediaSHA256 == nil)
    }

    @Test("a cancel wins over a late engine update")
    func updateIsRefusedOnceCancelled() throws {
        let store = try storeWithMedia()
        var alert = try store.pushAlert(Fixture.alert("LU-05", sha: Fixture.sha("a"))).record
        try store.cancelAlert(key: Fixture.key("LU-05"))
        alert.repeatsDone = 1
        alert.state = .done
        #expect(throws: StoreError.alertCancelled(id: "LU-05")) {
            try store.updateAlert(alert)
        }
    }

    @Test("an engine update made from the record read before an escalation does not overwrite the escalated alert")
    func updateFromAStaleReadIsRefused() throws {
        let clock = ManualClock(Fixture.epoch)
        let store = try Store.inMemory(clock: clock)
        var first = Fixture.alert("LU-07", sha: nil, repeats: 1)
        first.level = .priority
        var read = try store.pushAlert(first).record
        clock.advance(by: 5)
        let escalated = try store.pushAlert(Fixture.alert("LU-07", sha: nil, repeats: 1, createdAt: clock.now()))
        #expect(escalated.replaced?.level == .priority)
        read.repeatsDone = 1
        read.state = .done
        clock.advance(by: 5)
        #expect(throws: StoreError.alertChanged(id: "LU-07")) {
            try store.updateAlert(read, readAt: read.updatedAt)
        }
        let stored = try #require(try store.alert(key: Fixture.key("LU-07")))
        #expect(stored.level == .emergency && stored.state == .pending)
        // Read afresh, the same update goes through.
        var fresh = stored
        fresh.state = .playing
        #expect(try store.updateAlert(fresh, readAt: stored.updatedAt).state == .playing)
    }

    @Test("updates are stamped with the store clock")
    func updateStampsTheStoreClock() throws {
        let later = Fixture.epoch.addingTimeInterval(90)
        let store = try Store.inMemory(clock: ManualClock(later))
        var alert = try store.pushAlert(Fixture.alert("LU-06", sha: nil)).record
        alert.repeatsDone = 1
        alert.nextDueAt = Fixture.epoch.addingTimeInterval(600)
        let updated = try store.updateAlert(alert)
        #expect(updated.updatedAt == later)
        #expect(updated.createdAt == Fixture.epoch)
        #expect(try store.alert(key: Fixture.key("LU-06")) == updated)
    }

    @Test("listings are newest first, pending ones soonest due first")
    func listsAreOrdered() throws {
        let store = try storeWithMedia()
        let early = Fixture.alert("A", sha: nil, createdAt: Fixture.epoch)
        var late = Fixture.alert("B", sha: nil, createdAt: Fixture.epoch.addingTimeInterval(60))
        late.nextDueAt = Fixture.epoch.addingTimeInterval(-5)
        let finished = Fixture.alert("C", sha: nil, createdAt: Fixture.epoch.addingTimeInterval(120))
        for alert in [early, late, finished] {
            try store.pushAlert(alert)
        }
        try store.cancelAlert(key: Fixture.key("C"))

        #expect(try store.listAlerts().map(\.id) == ["B", "A"])
        #expect(try store.listAlerts(includeFinished: true).map(\.id) == ["C", "B", "A"])
        #expect(try store.pendingAlerts().map(\.id) == ["B", "A"])
    }

    @Test("expiry marks only pending alerts at or past their expiry")
    func expiryMarksOnlyPendingAlertsPastTheirTime() throws {
        let store = try storeWithMedia()
        try store.pushAlert(Fixture.alert("soon", sha: nil, expiresIn: 60))
        try store.pushAlert(Fixture.alert("later", sha: nil, expiresIn: 3600))
        try store.pushAlert(Fixture.alert("never", sha: nil, expiresIn: nil))
        var playing = try store.pushAlert(Fixture.alert("on-air", sha: nil, expiresIn: 30)).record
        playing.state = .playing
        try store.updateAlert(playing)

        let now = Fixture.epoch.addingTimeInterval(60)
        let expired = try store.expireAlerts(now: now)
        #expect(expired.map(\.id) == ["soon"])
        #expect(expired.first?.state == .expired)
        #expect(expired.first?.updatedAt == now)
        #expect(try store.alert(key: Fixture.key("soon")) == expired.first)
        #expect(try store.pendingAlerts().map(\.id).sorted() == ["later", "never", "on-air"])
        #expect(try store.expireAlerts(now: now).isEmpty)
    }
}
