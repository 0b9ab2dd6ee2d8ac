import Foundation
import GRDB
import Testing
@testable import Store

/// The call-home uplink's outbox and session counter (issue 15, migration v10): kept across a reopen, in order,
/// bounded.
@Suite("Uplink outbox and session counter")
struct UplinkOutboxTests {
    @Test("messages wait in order until removed, survive a reopen, and the outbox refuses beyond its capacity")
    func outbox() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        var store = try Store(path: path)
        let first = try store.appendOutboxMessage(Data("one".utf8), capacity: 3)
        let second = try store.appendOutboxMessage(Data("two".utf8), capacity: 3)
        _ = try store.appendOutboxMessage(Data("three".utf8), capacity: 3)
        #expect(second > first)
        #expect(throws: StoreError.self) { try store.appendOutboxMessage(Data("four".utf8), capacity: 3) }
        try store.removeOutboxMessage(key: first)
        try store.close()

        store = try Store(path: path)
        let pending = try store.pendingOutboxMessages(limit: 10)
        #expect(pending.map { String(decoding: $0.message, as: UTF8.self) } == ["two", "three"])
        #expect(try store.pendingOutboxMessages(limit: 1).map(\.key) == [second])
        try store.close()
    }

    @Test("session numbers grow by one, across a reopen")
    func sessions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        var store = try Store(path: path)
        #expect(try store.nextUplinkSession() == 1)
        #expect(try store.nextUplinkSession() == 2)
        try store.close()
        store = try Store(path: path)
        #expect(try store.nextUplinkSession() == 3)
        try store.close()
    }

    @Test("a command id is remembered within the window, across a reopen, and forgotten after it")
    func commandIDs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let signed = Date(timeIntervalSince1970: 1_800_000_000)
        var store = try Store(path: path)
        #expect(try store.rememberCommand(id: "a", signedAt: signed, forgetBefore: signed.addingTimeInterval(-720))
                == nil)
        try store.close()
        store = try Store(path: path)
        #expect(try store.rememberCommand(id: "a", signedAt: signed, forgetBefore: signed.addingTimeInterval(-600))
                == signed)
        #expect(try store.rememberCommand(id: "a", signedAt: signed, forgetBefore: signed.addingTimeInterval(1))
                == nil, "a row out of the window is forgotten")
        try store.close()
    }

    @Test("a database from before v10 gets the outbox and the counter, its rows kept")
    func migratesFromV9() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("v9-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v9-cap-source")
        try old.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('volume_db', '-3.0')")
            #expect(throws: DatabaseError.self) { try db.execute(sql: "SELECT count(*) FROM uplinkOutbox") }
        }
        try old.close()
        let store = try Store(path: path)
        defer { try? store.close() }
        #expect(try store.appliedMigrations().contains("v10-uplink-outbox"))
        #expect(try store.volumeDB() == -3)
        #expect(try store.nextUplinkSession() == 1)
        #expect(try store.pendingOutboxMessages(limit: 10).isEmpty)
    }
}
