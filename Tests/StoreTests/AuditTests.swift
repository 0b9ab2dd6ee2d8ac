import Foundation
import Testing
@testable import Store

/// The audit log: append, newest-first reads, bounded summaries.
@Suite("Audit log")
struct AuditTests {
    /// An audit entry for `method` made at `offset` seconds after the fixture epoch.
    private func entry(_ method: String, at offset: TimeInterval, summary: String = "id=LU-01") -> AuditEntry {
        AuditEntry(
            at: Fixture.epoch.addingTimeInterval(offset),
            identity: "uid=1000(alice)",
            role: "operator",
            method: "io.communecast.Site.\(method)",
            summary: summary,
            result: "ok"
        )
    }

    @Test("audit entries come back newest first, up to the limit")
    func newestFirstWithLimit() throws {
        let store = try Fixture.store()
        let first = try store.appendAudit(entry("PushAlert", at: 0))
        let second = try store.appendAudit(entry("CancelAlert", at: 10))
        let sameTime = try store.appendAudit(entry("SetVolume", at: 10))
        #expect(first.id != nil)
        #expect(try store.audit() == [sameTime, second, first])
        #expect(try store.audit(limit: 1) == [sameTime])
    }

    @Test("a long summary is cut so base64 media cannot fill the log")
    func longSummaryIsCut() throws {
        let store = try Fixture.store()
        let stored = try store.appendAudit(entry("AddMedia", at: 0, summary: String(repeating: "A", count: 5000)))
        #expect(stored.summary == String(repeating: "A", count: AuditEntry.maximumSummaryBytes) + "…(cut, 5000 bytes)")
        #expect(try store.audit().first == stored)
    }

    @Test("texts are cut by bytes at a character boundary, so combining marks cannot stretch them")
    func cutsByBytes() throws {
        let stacked = "a" + String(repeating: "\u{301}", count: 30_000)
        #expect(stacked.count == 1, "one character of 60 001 bytes")
        let store = try Fixture.store()
        var long = entry("X", at: 0, summary: stacked)
        long.method = String(repeating: "m", count: 64 * 1_024)
        long.identity = stacked
        let stored = try store.appendAudit(long)
        for text in [stored.summary, stored.method, stored.identity] {
            #expect(text.utf8.count < AuditEntry.maximumSummaryBytes + 40, "\(text.utf8.count) bytes")
            #expect(text.hasSuffix("bytes)"))
        }
        #expect(AuditEntry.cut("é" + String(repeating: "x", count: 300), toBytes: 1) == "…(cut, 302 bytes)")
        #expect(AuditEntry.cut("short", toBytes: 256) == "short")
    }

    @Test("an entry without a method is refused")
    func emptyMethodIsRefused() throws {
        let store = try Fixture.store()
        var bad = entry("X", at: 0)
        bad.method = ""
        #expect(throws: StoreError.self) {
            try store.appendAudit(bad)
        }
    }
}
