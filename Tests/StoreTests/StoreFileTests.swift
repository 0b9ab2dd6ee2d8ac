import Foundation
import GRDB
import Testing
@testable import Store

/// A store on a real file: durability across close and reopen, WAL, pragmas, migrations, corruption.
@Suite("Store on a real file")
struct StoreFileTests {
    /// Runs `body` with the path of a database file in a fresh temporary directory, removed afterwards.
    private func withDatabasePath(_ body: (String) throws -> Void) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory.appendingPathComponent("state.sqlite").path)
    }

    @Test("every kind of row survives close and reopen")
    func everythingSurvivesCloseAndReopen() throws {
        try withDatabasePath { path in
            let store = try Store(path: path, clock: Fixture.clock)
            let media = try store.insertMedia(Fixture.media("ban-tin", sha: Fixture.sha("a"))).record
            let alert = try store.pushAlert(Fixture.alert("LU-01", sha: Fixture.sha("a"))).record
            let asRun = try store.appendAsRun(Fixture.asRun(startedAt: Fixture.epoch))
            let audit = try store.appendAudit(AuditEntry(
                at: Fixture.epoch, identity: "cert:CN=so-tt", role: "provincial",
                method: "PushAlert", summary: "id=LU-01", result: "ok"
            ))
            let schedule = try store.putSchedule(id: "sang", yaml: "media: ban-tin\n").record
            try store.setVolumeDB(-3)
            try store.checkpoint()
            try store.close()

            let reopened = try Store(path: path, clock: Fixture.clock)
            #expect(try reopened.listMedia() == [media])
            #expect(try reopened.pendingAlerts() == [alert])
            #expect(try reopened.asRun() == [asRun])
            #expect(try reopened.audit() == [audit])
            #expect(try reopened.listSchedules() == [schedule])
            #expect(try reopened.volumeDB() == -3)
            #expect(try reopened.integrityCheck())
            try reopened.close()
        }
    }

    @Test("a committed write is visible to a second open without a checkpoint")
    func writesAreDurableWithoutACheckpoint() throws {
        try withDatabasePath { path in
            let store = try Store(path: path, clock: Fixture.clock)
            try store.pushAlert(Fixture.alert("LU-02", sha: nil))
            let copy = try Store(path: path, clock: Fixture.clock)
            #expect(try copy.alert(key: Fixture.key("LU-02")) != nil)
            try copy.close()
            try store.close()
        }
    }

    @Test("migrations run once: reopening applies nothing again")
    func migrationsRunOnceAcrossReopens() throws {
        try withDatabasePath { path in
            let all = ["v1-initial", "v2-schedule-after-conflict", "v3-media-alias", "v4-asrun-interrupted",
                       "v5-alert-issuer", "v6-audit-role", "v7-text-sha256", "v8-alert-replay", "v9-cap-source",
                       "v10-uplink-outbox", "v11-alert-stream"]
            let store = try Store(path: path)
            #expect(try store.appliedMigrations() == all)
            try store.close()
            let reopened = try Store(path: path)
            #expect(try reopened.appliedMigrations() == all)
            let rows = try reopened.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations")
            }
            #expect(rows == all.count)
            try reopened.close()
        }
    }

    @Test("a database from the first release is upgraded: its schedules keep their text and are not after-conflict")
    func upgradesFirstRelease() throws {
        try withDatabasePath { path in
            let old = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(old, upTo: "v1-initial")
            try old.write { db in
                try db.execute(sql: "INSERT INTO schedule (id, yaml, addedAt, updatedAt) VALUES ('sang', 'x: 1', 0, 0)")
            }
            try old.close()
            let store = try Store(path: path)
            #expect(try store.schedule(id: "sang")?.afterConflict == false)
            #expect(try store.schedule(id: "sang")?.yaml == "x: 1")
            let (record, _) = try store.putSchedule(id: "sang", yaml: "x: 2", afterConflict: true)
            #expect(try store.schedule(id: "sang") == record)
            #expect(record.afterConflict)
            try store.close()
        }
    }

    @Test("a database from before v4 learns the interrupted outcome, keeping every as-run row and id")
    func upgradesAsRunForInterrupted() throws {
        try withDatabasePath { path in
            let old = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(old, upTo: "v3-media-alias")
            try old.write { db in
                for (id, outcome) in [(1, "aired"), (2, "started"), (7, "missed")] {
                    try db.execute(sql: """
                        INSERT INTO asRun (id, plannedAt, startedAt, level, source, outcome, programmeID)
                        VALUES (?, 100, 100, 'normal', 'schedule:sang', ?, 'sang')
                        """, arguments: [id, outcome])
                }
                // The first release's constraint does not know the new outcome: this is what v4 changes.
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE asRun SET outcome = 'interrupted' WHERE id = 2")
                }
            }
            try old.close()

            let store = try Store(path: path)
            #expect(try store.asRun().compactMap(\.id) == [1, 2, 7])
            let marked = try store.markInterruptedAsRun(reason: "interrupted")
            #expect(marked.compactMap(\.id) == [2])
            #expect(try store.asRunOutcomes(programmeID: "sang", plannedAt: Date(timeIntervalSince1970: 100))
                        == [.aired, .interrupted, .missed])
            let appended = try store.appendAsRun(Fixture.asRun(startedAt: Fixture.epoch))
            #expect((appended.id ?? 0) > 7, "ids are not reused after the rebuild")
            try store.writer.write { db in
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE asRun SET outcome = 'bogus' WHERE id = 1")
                }
                let indexes = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE tbl_name = 'asRun' AND type = 'index' ORDER BY name
                    """)
                #expect(indexes == ["asRun_at", "asRun_programme", "asRun_source"])
            }
            #expect(try store.integrityCheck())
            try store.close()
        }
    }

    @Test("a database from before v5 keys its alerts by issuer, taken from the audit log, so replays stay replays")
    func upgradesAlertsToIssuers() throws {
        try withDatabasePath { path in
            let old = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(old, upTo: "v4-asrun-interrupted")
            try old.write { db in
                let audit = [
                    ("tls subject=CN=so-tt,O=So TT-TT,C=VN sha256=3F:A2 role=provincial", "provincial",
                     #"id=string("bao-9") level=string("emergency")"#, "ok"),
                    ("tls subject=CN=so-tt,O=So TT-TT,C=VN sha256=3F:A2 role=provincial", "provincial",
                     #"id=string("bao-9") level=string("emergency")"#, "ok"),
                    ("uid=1000(xa) pid=7 role=operator", "operator", #"id=string("tin-1") level=string("priority")"#,
                     "io.communecast.Site.Expired"),
                    ("uid=1001(xa2) pid=8 role=operator", "operator", #"id=string("tin-1") level=string("priority")"#,
                     "ok"),
                ]
                for (identity, role, summary, result) in audit {
                    try db.execute(sql: """
                        INSERT INTO audit (at, identity, role, method, summary, result)
                        VALUES (1, ?, ?, 'io.communecast.Site.PushAlert', ?, ?)
                        """, arguments: [identity, role, summary, result])
                }
                for (id, level, state) in [("bao-9", "emergency", "pending"), ("tin-1", "priority", "cancelled"),
                                           ("cu", "emergency", "done")] {
                    try db.execute(sql: """
                        INSERT INTO alert (id, status, level, tone, repeatTotal, repeatsDone, intervalSeconds,
                                           nextDueAt, state, createdAt, updatedAt)
                        VALUES (?, 'actual', ?, 1, 2, 0, 0, 5, ?, 5, 5)
                        """, arguments: [id, level, state])
                }
            }
            try old.close()

            let store = try Store(path: path)
            let alerts = try store.listAlerts(includeFinished: true)
            #expect(Set(alerts.map { "\($0.issuer)|\($0.issuerRole)|\($0.id)|\($0.state)" }) == [
                "tls:CN=so-tt,O=So TT-TT,C=VN|provincial|bao-9|pending", "unix:xa2|operator|tin-1|cancelled",
                "unrecorded|provincial|cu|done",
            ])
            // The province retrying its push after the upgrade is a duplicate, not a second airing.
            var retry = Fixture.alert("bao-9", sha: nil, issuer: "tls:CN=so-tt,O=So TT-TT,C=VN")
            retry.repeatTotal = 2
            #expect(try store.pushAlert(retry).duplicate)
            #expect(throws: StoreError.alertCancelled(id: "tin-1")) {
                try store.pushAlert(Fixture.alert("tin-1", sha: nil, issuer: "unix:xa2", role: .operator))
            }
            try store.writer.write { db in
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE alert SET issuerRole = 'boss' WHERE id = 'cu'")
                }
                let indexes = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE tbl_name = 'alert' AND type = 'index' AND sql IS NOT NULL
                    ORDER BY name
                    """)
                #expect(indexes == ["alert_created", "alert_id", "alert_media", "alert_state_due"])
            }
            #expect(try store.integrityCheck())
            try store.close()
        }
    }

    @Test("a file store runs in WAL mode with synchronous=FULL and foreign keys")
    func fileIsInWALModeWithFullSync() throws {
        try withDatabasePath { path in
            let store = try Store(path: path)
            let (journal, synchronous, foreignKeys) = try store.writer.writeWithoutTransaction { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
                )
            }
            #expect(journal == "wal")
            #expect(synchronous == 2)
            #expect(foreignKeys == true)
            #expect(try store.integrityCheck())
            try store.close()
        }
    }

    @Test("checkpoint truncates the WAL file")
    func checkpointEmptiesTheWAL() throws {
        try withDatabasePath { path in
            let store = try Store(path: path)
            try store.setVolumeDB(-1)
            try store.checkpoint()
            let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
            #expect(walSize == 0)
            try store.close()
        }
    }

    @Test("reads run, on the last committed state, while a write is open")
    func readsRunWhileAWriteIsInProgress() throws {
        try withDatabasePath { path in
            let store = try Store(path: path, clock: Fixture.clock)
            try store.insertMedia(Fixture.media("mot", sha: Fixture.sha("1")))
            let writing = DispatchSemaphore(value: 0)
            let readFinished = DispatchSemaphore(value: 0)
            let writerDone = DispatchSemaphore(value: 0)
            let outcome = WriterOutcome()
            DispatchQueue.global().async {
                do {
                    try store.writer.write { db in
                        try Fixture.media("hai", sha: Fixture.sha("2")).insert(db)
                        writing.signal()
                        outcome.readFinishedInTime = readFinished.wait(timeout: .now() + 60) == .success
                    }
                } catch {
                    outcome.readFinishedInTime = false
                }
                writerDone.signal()
            }
            writing.wait()
            let seenDuringWrite = try store.listMedia().map(\.name)
            readFinished.signal()
            writerDone.wait()
            #expect(outcome.readFinishedInTime)
            #expect(seenDuringWrite == ["mot"])
            #expect(try store.listMedia().map(\.name) == ["hai", "mot"])
            try store.close()
        }
    }

    @Test("a file that is not a database is reported as corrupt")
    func fileThatIsNotADatabaseIsCorrupt() throws {
        try withDatabasePath { path in
            try Data(repeating: 0x49, count: 8192).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) {
                try Store(path: path)
            }
            guard case .corrupt(let reported, _) = error else {
                Issue.record("expected .corrupt, got \(String(describing: error))")
                return
            }
            #expect(reported == path)
            #expect(error?.description.contains("move the file aside") == true)
        }
    }

    @Test("a database with damaged pages is reported as corrupt")
    func damagedPagesAreReportedAsCorrupt() throws {
        try withDatabasePath { path in
            let store = try Store(path: path, clock: Fixture.clock)
            for index in 0..<300 {
                let sha = String(format: "%064x", index)
                try store.insertMedia(Fixture.media("media-\(index)", sha: sha))
            }
            try store.checkpoint()
            try store.close()

            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 4096 * 2)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096 * 2))
            try handle.close()

            #expect {
                try Store(path: path)
            } throws: { error in
                guard case .corrupt = error as? StoreError else { return false }
                return true
            }
        }
    }

    @Test("a missing state directory says what to check")
    func missingDirectorySaysWhatToCheck() throws {
        let error = #expect(throws: StoreError.self) {
            try Store(path: "/nonexistent-communecast-dir/state.sqlite")
        }
        #expect(error?.description.contains("check that its directory exists") == true)
    }

    @Test("a closed store refuses work with an error")
    func closedStoreRefusesWork() throws {
        try withDatabasePath { path in
            let store = try Store(path: path)
            try store.close()
            #expect(throws: StoreError.self) {
                try store.listMedia()
            }
        }
    }
}

/// What the background writer saw, shared with the test thread.
private final class WriterOutcome: @unchecked Sendable {
    /// Whether the main thread's read finished while the write transaction was still open.
    var readFinishedInTime = false
}
