import Foundation
import Testing
@testable import Store

/// The audit log's retention (issue 12): age, row count, and a share for callers without a role.
@Suite("Audit retention")
struct AuditRetentionTests {
    /// Appends `count` entries of `role`, one second apart from `start` seconds after the fixture epoch.
    private func append(_ store: Store, count: Int, role: String, start: TimeInterval = 0) throws {
        for index in 0..<count {
            try store.appendAudit(AuditEntry(
                at: Fixture.epoch.addingTimeInterval(start + TimeInterval(index)), identity: "uid=1000(alice)",
                role: role, method: "io.communecast.Site.Play", summary: "media=\"x\"", result: "ok"
            ))
        }
    }

    @Test("entries older than the age limit go, the rest stay")
    func age() throws {
        let store = try Fixture.store()
        try append(store, count: 10, role: "operator")
        try append(store, count: 10, role: "operator", start: 3 * 86_400)
        var retention = AuditRetention()
        retention.maximumAgeDays = 2
        let deleted = try store.pruneAudit(retention, now: Fixture.epoch.addingTimeInterval(4 * 86_400))
        #expect(deleted == 10)
        #expect(try store.auditCount() == 10)
        #expect(try store.audit(limit: 100).allSatisfy { $0.at >= Fixture.epoch.addingTimeInterval(3 * 86_400) })
    }

    @Test("beyond the row limit the oldest go, in batches, and callers without a role keep only their share")
    func rows() throws {
        let store = try Fixture.store()
        try append(store, count: 300, role: "operator")
        try append(store, count: 500, role: "none", start: 1_000)
        try append(store, count: 50, role: "admin", start: 2_000)
        var retention = AuditRetention()
        retention.maximumRows = 100
        let deleted = try store.pruneAudit(retention, now: Fixture.epoch.addingTimeInterval(3_000), batch: 7)
        #expect(deleted == 490 + 260)
        let kept = try store.audit(limit: 1_000)
        #expect(kept.count == 100)
        #expect(kept.filter { $0.role == "none" }.count == 10, "a tenth of the rows")
        #expect(kept.filter { $0.role == "admin" }.count == 50)
        #expect(kept.filter { $0.role == "operator" }.count == 40)
        #expect(try store.pruneAudit(retention, now: Fixture.epoch.addingTimeInterval(3_000)) == 0)
    }
}
