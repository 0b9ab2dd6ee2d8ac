import Foundation
import Testing
@testable import Store

/// Deleting media is refused while live alerts or schedules still use it.
@Suite("Deleting media")
struct MediaDeletionTests {
    /// A store holding one media file, "ban-tin-sang", with sha256 "abcdef12" followed by zeros.
    private func storeWithMedia() throws -> (Store, MediaRecord) {
        let store = try Fixture.store()
        let record = try store.insertMedia(Fixture.media("ban-tin-sang", sha: Fixture.sha("0", prefix: "abcdef12")))
        return (store, record.record)
    }

    @Test("unreferenced media is deleted and returned")
    func unreferencedMediaIsDeleted() throws {
        let (store, record) = try storeWithMedia()
        #expect(try store.deleteMedia(sha256: record.sha256.uppercased()) == record)
        #expect(try store.media(sha256: record.sha256) == nil)
        #expect(try store.mediaTotals() == (0, 0))
    }

    @Test("deleting unknown media is notFound")
    func unknownMediaIsNotFound() throws {
        let store = try Fixture.store()
        #expect(throws: StoreError.notFound(what: "media", name: Fixture.sha("9"))) {
            try store.deleteMedia(sha256: Fixture.sha("9"))
        }
    }

    @Test("a pending alert holds its media until it is cancelled")
    func pendingAlertHoldsMediaUntilItIsCancelled() throws {
        let (store, record) = try storeWithMedia()
        try store.pushAlert(Fixture.alert("LU-01", sha: record.sha256))
        #expect(throws: StoreError.inUse(name: "ban-tin-sang", references: ["alert 'LU-01' (pending)"])) {
            try store.deleteMedia(sha256: record.sha256)
        }
        try store.cancelAlert(key: Fixture.key("LU-01"))
        #expect(try store.deleteMedia(sha256: record.sha256) == record)
        #expect(try store.alert(key: Fixture.key("LU-01"))?.mediaSHA256 == record.sha256)
    }

    @Test("a playing alert holds its media")
    func playingAlertHoldsMedia() throws {
        let (store, record) = try storeWithMedia()
        var alert = try store.pushAlert(Fixture.alert("LU-02", sha: record.sha256)).record
        alert.state = .playing
        try store.updateAlert(alert)
        #expect(throws: StoreError.inUse(name: "ban-tin-sang", references: ["alert 'LU-02' (playing)"])) {
            try store.deleteMedia(sha256: record.sha256)
        }
    }

    @Test("a schedule naming the media by name, sha256 or prefix holds it", arguments: [
        "programmes:\n  - id: p1\n    media: ban-tin-sang\n    at: [\"05:30\"]\n",
        "programmes:\n  - {id: p1, media: \"ban-tin-sang\", at: [\"05:30\"]}\n",
        "programmes:\n  - media: abcdef12  # by prefix\n",
        "programmes:\n  - media: 'ABCDEF1200000000000000000000000000000000000000000000000000000000'\n",
    ])
    func scheduleTextHoldsMedia(yaml: String) throws {
        let (store, record) = try storeWithMedia()
        try store.putSchedule(id: "sang", yaml: yaml)
        #expect(throws: StoreError.inUse(name: "ban-tin-sang", references: ["schedule 'sang'"])) {
            try store.deleteMedia(sha256: record.sha256)
        }
        try store.deleteSchedule(id: "sang")
        #expect(try store.deleteMedia(sha256: record.sha256) == record)
    }

    @Test("a schedule naming other media, or the name outside media:, does not hold it")
    func scheduleNamingOtherMediaDoesNotHoldIt() throws {
        let (store, record) = try storeWithMedia()
        try store.putSchedule(id: "chieu", yaml: "programmes:\n  - media: ban-tin-sang-2\n    title: ban-tin-sang\n")
        #expect(try store.deleteMedia(sha256: record.sha256) == record)
    }

    @Test("the refusal names every alert and schedule in the way")
    func everyReferenceIsNamed() throws {
        let (store, record) = try storeWithMedia()
        try store.pushAlert(Fixture.alert("LU-03", sha: record.sha256))
        try store.putSchedule(id: "sang", yaml: "media: ban-tin-sang\n")
        let error = #expect(throws: StoreError.self) {
            try store.deleteMedia(sha256: record.sha256)
        }
        #expect(error == .inUse(name: "ban-tin-sang", references: ["alert 'LU-03' (pending)", "schedule 'sang'"]))
        #expect(error?.description.contains("cancel those alerts or edit those schedules") == true)
    }
}
