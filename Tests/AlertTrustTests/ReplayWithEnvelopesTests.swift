import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// Verifier and replay guard together, as the daemon will run them: real signed envelopes.
@Suite("Replay of signed envelopes")
struct ReplayWithEnvelopesTests {
    /// Verifies and admits `bytes` at `at`, as the daemon will: the referenced roles come from the store.
    private func receive(_ bytes: [UInt8], _ f: TrustFixtures, store: InMemoryReplayStore, at: Date? = nil)
        async throws -> ReplayDecision
    {
        let alert = try await f.verifier.verify(bytes, now: at ?? f.now, standing: f.standing,
                                                referencedRole: store.recordedRole(of:))
        return try ReplayGuard().admit(ReplayCandidate(alert), store: store)
    }

    @Test("an identical envelope, even re-signed, is a duplicate; the same id with other content is an alarm")
    func replay() async throws {
        let f = try TrustFixtures()
        let store = InMemoryReplayStore()
        let payload = f.payload(id: "bao-so-9")
        let bytes = try await f.twoPersonEnvelope(payload)
        #expect(try await receive(bytes, f, store: store).isAccepted)
        guard case .duplicate = try await receive(bytes, f, store: store, at: f.now.addingTimeInterval(30)) else {
            Issue.record("an identical envelope was not a duplicate")
            return
        }
        let resigned = try f.envelope(payload, [(try await f.signer("so-tt-an-giang"), .draft),
                                                (try await f.signer("ed25519-staff"), .approve)],
                                      at: f.now.addingTimeInterval(20))
        guard case .duplicate = try await receive(resigned, f, store: store) else {
            Issue.record("the same payload re-signed was not a duplicate")
            return
        }
        var changed = payload
        changed.repeatCount = 5
        guard case .equivocation(let key, _, _) = try await receive(try await f.twoPersonEnvelope(changed), f,
                                                                   store: store)
        else {
            Issue.record("other content under the same id was not an equivocation")
            return
        }
        #expect(key == AlertKey(issuer: "so-tt-an-giang", id: "bao-so-9"))

        let cancel = f.payload(id: "huy-bao-so-9", type: .cancel, references: ["bao-so-9"])
        let cancelBytes = try f.envelope(cancel, [(try await f.signer("pho-giam-doc"), .draft)])
        #expect(try await receive(cancelBytes, f, store: store)
                == .accepted(closes: [payload.key], overruledTombstone: nil))
        guard case .duplicate(let entry) = try await receive(bytes, f, store: store) else {
            Issue.record("a replay after the cancel was not a duplicate")
            return
        }
        #expect(entry.state == .closed)
    }

    @Test("an operator cannot cancel a provincial emergency the site has recorded")
    func lowerCancel() async throws {
        let f = try TrustFixtures()
        let store = InMemoryReplayStore()
        let alert = f.payload(id: "bao-1")
        _ = try await receive(try await f.twoPersonEnvelope(alert), f, store: store)
        let cancel = f.payload(id: "huy-1", level: .priority, type: .cancel, references: ["bao-1"])
        do {
            _ = try await receive(try f.envelope(cancel, [(try await f.signer("can-bo-xa-an-phu"), .draft)]), f,
                                  store: store)
            Issue.record("an operator's cancel of a provincial alert was accepted")
        } catch let refusal as AlertRefusal {
            #expect(refusal.step == .references)
        }
        #expect(store.entry(for: alert.key)?.state == .open)
        #expect(store.entry(for: cancel.key) == nil)
    }
}
