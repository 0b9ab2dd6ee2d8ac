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
        #expect(stored.summary.count == AuditEntry.maximumSummaryLength + "…(cut)".count)
        #expect(try store.audit().first == stored)
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
