import CommuneCastTesting
import Foundation
import Testing

/// A live emergency broadcast as a signed alert (issue 18 §2 with issue 14's trust): an emergency naming a stream
/// needs the provincial role, and an actual one the signed two-person approval, through the same verifier as any
/// signed alert. The stream here is a port nothing listens on: the site airs the alert's tone and its fallback,
/// and the as-run log names the stream.
@Suite("communecastd: live emergency broadcasts need the role and two signatures", .serialized)
struct DaemonStreamAlertSignedTests {
    static let stream = "http://127.0.0.1:9/khan-cap.opus"

    @Test("an operator cannot push an emergency stream; a provincial exercise airs; an actual one needs signing")
    func roleAndSigning() throws {
        let site = try TLSSite()
        defer { site.cleanUp() }
        let push = ["alert", "push", "--stream", Self.stream, "--duration", "4s", "--id", "khan-1"]
        let operatorPush = try site.cli(push + ["--status", "exercise"], as: "can-bo-xa-an-phu")
        #expect(operatorPush.status == 1)
        #expect(operatorPush.standardError.contains("permission denied"), "\(operatorPush.standardError)")
        let actual = try site.cli(push, as: "so-tt-an-giang")
        #expect(actual.status == 1)
        #expect(actual.standardError.contains("unsigned_live_emergency") || actual.standardError
                    .contains("two-person approval"), "\(actual.standardError)")
        #expect(try site.daemon.databaseRows("SELECT id FROM alert").isEmpty)
        let exercise = try site.cli(push + ["--status", "exercise"], as: "so-tt-an-giang")
        #expect(exercise.status == 0, "\(exercise.standardError)")
        #expect(try DaemonSignedAlertTests.waitUntilAired("khan-1", on: site.daemon), "\(site.daemon.log)")
        let airing = try site.daemon.asRun().first { $0["source"] as? String == "alert:khan-1" }
        #expect(airing?["media"] as? String == "stream \(Self.stream)")
        #expect((airing?["reason"] as? String)?.contains("playing fallback (silence)") == true,
                "\(String(describing: airing))")
    }

    @Test("drafted with --stream, refused with one signature, approved by a second person it airs the stream")
    func signedStreamAlert() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let file = site.daemon.directory.file("khan-cap.jws")
        let draft = try site.daemon.cli(["alert", "draft", "--id", "khan-cap", "--stream", Self.stream, "--duration",
                                         "2s", "--site", "test-site", "--out", file]
                                        + fixture.signing("so-tt-an-giang"))
        #expect(draft.status == 0, "\(draft.standardError)")
        let alone = try site.cli(["alert", "send", file], as: "so-tt-an-giang")
        #expect(alone.status == 1 && alone.standardError.contains("alert approve"), "\(alone.standardError)")
        #expect(try fixture.storeRows().isEmpty)

        let shown = try site.daemon.json(["alert", "show", file]) as? [String: Any]
        let fingerprint = try #require(shown?["fingerprint"] as? String)
        let approve = try site.daemon.cli(["alert", "approve", file, "--confirm", fingerprint]
                                          + fixture.signing("pho-giam-doc"))
        #expect(approve.status == 0, "\(approve.standardError)")
        let sent = try site.cli(["alert", "send", file, "--json"], as: "so-tt-an-giang")
        #expect(sent.status == 0, "\(sent.standardError)\n\(site.daemon.log)")
        let reply = try JSONSerialization.jsonObject(with: Data(sent.standardOutput.utf8)) as? [String: Any]
        let alert = reply?["alert"] as? [String: Any]
        #expect(alert?["stream"] as? [String] == [Self.stream], "\(sent.standardOutput)")
        #expect(alert?["duration_s"] as? Int == 2)
        #expect(alert?["level"] as? String == "emergency")
        #expect(try DaemonSignedAlertTests.waitUntilAired("khan-cap", on: site.daemon), "\(site.daemon.log)")
        let airing = try site.daemon.asRun().first { $0["source"] as? String == "alert:khan-cap" }
        #expect(airing?["media"] as? String == "stream \(Self.stream)")
        #expect((airing?["signed_by"] as? String)?.contains("approved by pho-giam-doc") == true)
    }
}
