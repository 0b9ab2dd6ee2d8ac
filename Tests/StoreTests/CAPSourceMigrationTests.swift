import Foundation
import GRDB
import Testing
@testable import Store

/// v9 (issue 17): the CAP message a signed alert was drafted from, kept on the alert and on each as-run entry.
@Suite("Store: the CAP source of alerts and airings")
struct CAPSourceMigrationTests {
    static let source = "KSTO@NWS.NOAA.GOV,KSTO1055887203,2003-06-17T14:57:00-07:00"

    @Test("a v8 database is upgraded: old rows have no CAP source, new alerts and airings keep theirs")
    func upgradesV8() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v8-alert-replay")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO asRun (id, plannedAt, startedAt, level, source, outcome)
                VALUES (7, 100, 100, 'priority', 'alert:old', 'aired');
                """)
            #expect(throws: DatabaseError.self) { try db.execute(sql: "SELECT capSource FROM asRun") }
        }
        try old.close()

        let store = try Store(path: path, clock: Fixture.clock)
        defer { try? store.close() }
        #expect(try store.appliedMigrations().contains("v9-cap-source"))
        #expect(try store.asRun().first { $0.id == 7 }?.capSource == nil)

        var alert = Fixture.alert("cap:KSTO@NWS.NOAA.GOV,KSTO1055887203", sha: nil)
        alert.capSource = Self.source
        _ = try store.pushAlert(alert)
        #expect(try store.alert(key: alert.key)?.capSource == Self.source)
        var airing = Fixture.asRun(startedAt: Fixture.epoch, source: "alert:\(alert.id)")
        airing.capSource = Self.source
        let appended = try store.appendAsRun(airing)
        #expect(try store.asRun().first { $0.id == appended.id }?.capSource == Self.source)
    }

    @Test("an empty CAP source is refused by the schema, so a row never claims a source it does not name")
    func emptyRefused() throws {
        let store = try Fixture.store()
        defer { try? store.close() }
        var airing = Fixture.asRun(startedAt: Fixture.epoch, source: "alert:x")
        airing.capSource = ""
        #expect(throws: StoreError.self) { _ = try store.appendAsRun(airing) }
    }
}
