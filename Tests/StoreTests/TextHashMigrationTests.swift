import Foundation
import GRDB
import Testing
@testable import Store

/// v5 (issue 16): media spoken from text and the as-run log record the text's SHA-256 in a nullable column.
@Suite("Store: the text hash of spoken media and airings")
struct TextHashMigrationTests {
    @Test("a database of the v4 schema is upgraded: old rows keep their values with no text hash, new ones have it")
    func upgradesV4() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v4-asrun-interrupted")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO media (sha256, name, durationSeconds, bytes, createdAt, sourceDescription)
                VALUES (?, 'ban-tin', 3, 9000, 0, 'WAV');
                INSERT INTO asRun (id, plannedAt, startedAt, level, mediaSHA256, source, outcome, programmeID)
                VALUES (4, 100, 100, 'normal', ?, 'schedule:sang', 'aired', 'sang');
                """, arguments: [Fixture.sha("a"), Fixture.sha("a")])
            // The v4 schema has no such column: this is what v5 adds.
            #expect(throws: DatabaseError.self) { try db.execute(sql: "SELECT textSHA256 FROM asRun") }
        }
        try old.close()

        let store = try Store(path: path)
        #expect(try store.appliedMigrations().contains("v7-text-sha256"))
        let media = try #require(try store.media(named: "ban-tin"))
        #expect(media.textSHA256 == nil)
        #expect(media.durationSeconds == 3)
        let kept = try #require(try store.asRun().first)
        #expect(kept.id == 4 && kept.textSHA256 == nil && kept.outcome == .aired)

        var spoken = Fixture.media("speech-1", sha: Fixture.sha("b"))
        spoken.textSHA256 = Fixture.sha("c")
        _ = try store.insertMedia(spoken)
        #expect(try store.media(sha256: Fixture.sha("b"))?.textSHA256 == Fixture.sha("c"))
        #expect(try store.listMediaNames().first { $0.name == "speech-1" }?.textSHA256 == Fixture.sha("c"))
        var entry = Fixture.asRun(startedAt: Fixture.epoch)
        entry.textSHA256 = Fixture.sha("c")
        let appended = try store.appendAsRun(entry)
        #expect(try store.asRun().last == appended)
        #expect(appended.textSHA256 == Fixture.sha("c"))

        entry.textSHA256 = "not-a-hash"
        #expect(throws: StoreError.self) { try store.appendAsRun(entry) }
        #expect(try store.integrityCheck())
        try store.close()
    }
}
