import Foundation
import GRDB
import Testing
@testable import Store

/// The stream of an alert (issue 18, migration v11): a database from before v11 keeps its alerts and gains the
/// columns, a stream alert round-trips its URLs and duration, and a stream without a duration is refused.
@Suite("Store: alerts that relay a stream")
struct AlertStreamStoreTests {
    @Test("a v10 database keeps its alerts; a stream alert keeps its URLs and duration; half a stream is refused")
    func streamColumns() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v10-uplink-outbox")
        try old.close()
        var store = try Store(path: path)
        try store.pushAlert(Fixture.alert("OLD-1", sha: nil))
        try store.close()

        store = try Store(path: path)
        defer { try? store.close() }
        #expect(try store.appliedMigrations().contains("v11-alert-stream"))
        #expect(try store.alert(key: Fixture.key("OLD-1"))?.streamURLs == nil)
        var live = Fixture.alert("LIVE-1", sha: nil)
        live.streamURLs = ["http://a.example:8000/khan.opus", "https://b.example/khan.opus"]
        live.streamSeconds = 900
        try store.pushAlert(live)
        let stored = try #require(try store.alert(key: Fixture.key("LIVE-1")))
        #expect(stored.streamURLs == live.streamURLs)
        #expect(stored.streamSeconds == 900)

        var half = Fixture.alert("HALF-1", sha: nil)
        half.streamURLs = ["http://a.example:8000/khan.opus"]
        #expect(throws: StoreError.self) { try store.pushAlert(half) }
    }
}
