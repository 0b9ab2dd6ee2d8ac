import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// The signature age of a signed command (issue 15): always checked for a command, skipped for a retained
/// configuration (`checkAge: false`, which the site orders by signing time instead), and never the clock-ahead limit.
@Suite("CommandVerifier")
struct CommandVerifierTests {
    /// A `SetGroups` configuration for the fixtures' site, signed by so-tt-an-giang at `at`.
    private static func configuration(_ f: TrustFixtures, signedAt at: Date) async throws -> [UInt8] {
        let call = JSONValue.object(["method": .string("io.communecast.Uplink.SetGroups"),
                                     "parameters": .object(["groups": .array([.string("c-30316")])])])
        var envelope = AlertEnvelope(payloadBytes: SignedCommand(call: call, id: UUID().uuidString,
                                                                 to: "xa-an-phu").jsonBytes)
        try await f.signer("so-tt-an-giang").sign(&envelope, part: .draft, at: at)
        return Array(envelope.serialized())
    }

    @Test("a command signed two hours ago is refused as too old, unless the age is not checked")
    func ageChecked() async throws {
        let f = try TrustFixtures()
        let bytes = try await Self.configuration(f, signedAt: f.now.addingTimeInterval(-7_200))
        let verifier = CommandVerifier(alerts: f.verifier)
        do {
            _ = try await verifier.verify(bytes, now: f.now, recipients: ["xa-an-phu"], standing: f.standing)
            Issue.record("a two-hour-old command was accepted")
        } catch {
            guard case .signatureTooOld = error else { Issue.record("\(error)"); return }
        }
        let verified = try await verifier.verify(bytes, now: f.now, recipients: ["xa-an-phu"], checkAge: false,
                                                 standing: f.standing)
        #expect(verified.role == .provincial)
        #expect(verified.issuedAt.timeIntervalSince1970 == (f.now.timeIntervalSince1970 - 7_200).rounded(.down))
    }

    @Test("a command signed an hour ahead is refused even when the age is not checked")
    func futureRefused() async throws {
        let f = try TrustFixtures()
        let bytes = try await Self.configuration(f, signedAt: f.now.addingTimeInterval(3_600))
        do {
            _ = try await CommandVerifier(alerts: f.verifier).verify(bytes, now: f.now, recipients: ["xa-an-phu"],
                                                                     checkAge: false, standing: f.standing)
            Issue.record("a command signed an hour ahead was accepted")
        } catch {
            guard case .signatureInFuture = error else { Issue.record("\(error)"); return }
        }
    }
}
