import ControlProtocol
import Foundation
import Testing
@testable import Store

/// Alerts keyed by issuer and id (issue 12): nobody's id swallows another issuer's push or a higher level, and a
/// cancel reaches the alerts of its own authority or lower.
@Suite("Alerts by issuer")
struct AlertIssuerTests {
    static let commune = "unix:can-bo-xa"
    static let admin = "unix:root"

    @Test("the same id from another issuer is another alert, even at a lower level")
    func sameIdFromAnotherIssuer() throws {
        let store = try Fixture.store()
        var operatorAlert = Fixture.alert("storm-9999", sha: nil, expiresIn: 300 * 86_400, issuer: Self.commune,
                                          role: .operator)
        operatorAlert.level = .priority
        #expect(try !store.pushAlert(operatorAlert).duplicate)
        let province = try store.pushAlert(Fixture.alert("storm-9999", sha: nil))
        #expect(!province.duplicate)
        #expect(province.replaced == nil)
        #expect(province.record.level == .emergency)
        #expect(try store.alerts(id: "storm-9999").map(\.issuer) == [Self.commune, Fixture.province].sorted())
        #expect(try store.pendingAlerts().count == 2)
    }

    @Test("an issuer escalating its own id replaces its alert; pushing it lower again is a duplicate")
    func escalationReplaces() throws {
        let store = try Fixture.store()
        var first = Fixture.alert("lu-1", sha: nil, repeats: 1)
        first.level = .priority
        var done = try store.pushAlert(first).record
        done.state = .done
        done.repeatsDone = 1
        try store.updateAlert(done)
        let escalated = try store.pushAlert(Fixture.alert("lu-1", sha: nil, repeats: 2))
        #expect(!escalated.duplicate)
        #expect(escalated.replaced?.level == .priority)
        #expect(escalated.record.level == .emergency)
        #expect(escalated.record.state == .pending)
        #expect(escalated.record.repeatsDone == 0)
        #expect(try store.alerts(id: "lu-1").count == 1)
        var lower = Fixture.alert("lu-1", sha: nil)
        lower.level = .priority
        let replay = try store.pushAlert(lower)
        #expect(replay.duplicate)
        #expect(replay.record == escalated.record)
    }

    @Test("a cancel reaches every alert of the id pushed with the caller's role or lower, and not an admin's")
    func cancelByRole() throws {
        let store = try Fixture.store()
        try store.pushAlert(Fixture.alert("x", sha: nil, issuer: Self.commune, role: .operator))
        try store.pushAlert(Fixture.alert("x", sha: nil))
        try store.pushAlert(Fixture.alert("x", sha: nil, issuer: Self.admin, role: .admin))
        let cancelled = try store.cancelAlerts(id: "x", upTo: .provincial)
        #expect(cancelled.map(\.issuer) == [Self.commune, Fixture.province].sorted())
        #expect(cancelled.allSatisfy { $0.state == .cancelled })
        #expect(try store.alert(key: Fixture.key("x", issuer: Self.admin))?.state == .pending)
        #expect(throws: StoreError.alertCancelled(id: "x")) {
            try store.pushAlert(Fixture.alert("x", sha: nil, issuer: Self.commune, role: .operator))
        }
        #expect(try !store.pushAlert(Fixture.alert("x", sha: nil, issuer: "unix:other", role: .provincial)).duplicate,
                "a cancel withdraws what was pushed; another issuer's later push of the id is a new alert")
        #expect(try store.cancelAlerts(id: "x", upTo: .admin).count == 4)
    }

    @Test("a cancel that reaches none is refused by role; one naming an issuer reaches only that issuer's alert")
    func cancelLimits() throws {
        let store = try Fixture.store()
        try store.pushAlert(Fixture.alert("y", sha: nil, issuer: Self.admin, role: .admin))
        #expect(throws: StoreError.alertOutranked(id: "y", role: "provincial")) {
            try store.cancelAlerts(id: "y", upTo: .provincial)
        }
        #expect(throws: StoreError.notFound(what: "alert", name: "nope")) {
            try store.cancelAlerts(id: "nope", upTo: .admin)
        }
        try store.pushAlert(Fixture.alert("y", sha: nil))
        let only = try store.cancelAlerts(id: "y", issuer: Fixture.province, upTo: .admin)
        #expect(only.map(\.key) == [Fixture.key("y")])
        #expect(try store.alert(key: Fixture.key("y", issuer: Self.admin))?.state == .pending)
        #expect(throws: StoreError.self) { try store.cancelAlerts(id: "y", issuer: "unix:nobody", upTo: .admin) }
    }

    @Test("issuers are read back from the audit log's names for callers", arguments: [
        ("uid=1000(alice) pid=12 role=operator", "unix:alice"),
        ("uid=0(root) pid=1 role=admin", "unix:root"),
        ("uid=1234 pid=9 role=monitor", "unix:uid=1234"),
        ("tls subject=CN=so-tt,O=So TT-TT,C=VN sha256=3F:A2 role=provincial", "tls:CN=so-tt,O=So TT-TT,C=VN"),
    ])
    func auditIdentities(identity: String, issuer: String) {
        #expect(AlertKey.issuer(auditIdentity: identity) == issuer)
    }

    @Test("ids are read back from PushAlert audit summaries of the first release and of this one")
    func auditSummaries() {
        #expect(AlertKey.id(auditSummary: #"expires=string("2026") id=string("bao-9") level=string("priority")"#)
                == "bao-9")
        #expect(AlertKey.id(auditSummary: #"id="a\"b" level="emergency""#) == #"a"b"#)
        #expect(AlertKey.id(auditSummary: #"media_id=string("x")"#) == nil)
        #expect(AlertKey.id(auditSummary: "level=string(\"emergency\")") == nil)
    }
}
