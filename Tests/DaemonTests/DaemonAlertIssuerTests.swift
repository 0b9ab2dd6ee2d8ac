import CommuneCastTesting
import Foundation
import Testing

/// Issue 12: alert ids do not let a lower role pre-empt a higher one. Alerts are keyed by the issuer the daemon
/// derives from the caller (the client certificate, the local user) and the id, through the real daemon and CLI.
@Suite("communecastd: alerts keyed by issuer and id", .serialized)
struct DaemonAlertIssuerTests {
    /// The JSON object `output` printed.
    private static func object(_ output: ProcessRunner.Output) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [String: Any] ?? [:]
    }

    /// A TLS site holding the announcement "bao".
    private static func siteWithMedia() throws -> TLSSite {
        let site = try TLSSite()
        let wav = site.daemon.directory.file("bao.wav")
        try WAVWriter.write(Signals.sine(frequency: 600, seconds: 0.3, sampleRate: 16_000), to: wav, sampleRate: 16_000)
        let upload = try site.daemon.cli(["media", "upload", wav, "--name", "bao"])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        return site
    }

    @Test("an operator's priority storm-9999 with a far expiry does not swallow the province's emergency storm-9999")
    func operatorCannotSilenceTheProvince() throws {
        let site = try Self.siteWithMedia()
        defer { site.cleanUp() }
        let push = ["alert", "push", "--media", "bao", "--no-tone", "--id", "storm-9999", "--json"]
        let early = try site.cli(push + ["--level", "priority", "--expires", "300d"], as: "can-bo-xa-an-phu")
        #expect(early.status == 0, "\(early.standardError)")

        let emergency = try site.cli(push + ["--expires", "1h"], as: "so-tt-an-giang")
        #expect(emergency.status == 0, "\(emergency.standardError)")
        let reply = Self.object(emergency)
        let alert = reply["alert"] as? [String: Any]
        #expect(reply["duplicate"] as? Bool == false, "\(emergency.standardOutput)")
        #expect(alert?["level"] as? String == "emergency")
        #expect((alert?["issuer"] as? String)?.hasPrefix("tls:CN=so-tt-an-giang,") == true)
        #expect(try site.daemon.wait(timeout: 30) {
            try site.daemon.asRun().contains {
                $0["source"] as? String == "alert:storm-9999" && $0["level"] as? String == "emergency"
                    && $0["outcome"] as? String == "aired"
            }
        }, "the province's alert aired at emergency level: \(site.daemon.log)")

        let retry = try site.cli(push + ["--expires", "1h"], as: "so-tt-an-giang")
        #expect(Self.object(retry)["duplicate"] as? Bool == true, "the province's own retry is still a duplicate")

        let listed = try site.cli(["alert", "list", "--id", "storm-9999"], as: "giam-sat")
        #expect(listed.standardOutput.contains("tls:CN=can-bo-xa-an-phu,") && listed.standardOutput
                    .contains("tls:CN=so-tt-an-giang,"), "\(listed.standardOutput)")

        // The province's cancel silences both; the operator's replay is refused afterwards.
        let cancel = try site.cli(["alert", "cancel", "storm-9999", "--json"], as: "so-tt-an-giang")
        #expect(cancel.status == 0, "\(cancel.standardError)")
        let cancelled = Self.object(cancel)["cancelled"] as? [[String: Any]] ?? []
        #expect(cancelled.count == 2)
        #expect(cancelled.allSatisfy { $0["state"] as? String == "cancelled" })
        let replay = try site.cli(push + ["--level", "priority"], as: "can-bo-xa-an-phu")
        #expect(replay.status == 1)
        #expect(replay.standardError.lowercased().contains("cancelled"), "\(replay.standardError)")
    }

    @Test("a provincial cancel does not reach an admin's alert of the same id; the issuer escalating its id re-airs it")
    func cancelReachAndEscalation() throws {
        let site = try Self.siteWithMedia()
        defer { site.cleanUp() }
        let push = ["alert", "push", "--media", "bao", "--no-tone", "--id", "lu-7", "--expires", "1h", "--json"]
        let admin = try site.daemon.cli(push + ["--level", "priority", "--status", "test"])
        #expect(Self.object(admin)["duplicate"] as? Bool == false, "\(admin.standardError)")
        #expect((Self.object(admin)["alert"] as? [String: Any])?["issuer"] as? String == "unix:root")

        let refused = try site.cli(["alert", "cancel", "lu-7", "--issuer", "unix:root"], as: "so-tt-an-giang")
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("permission denied"), "\(refused.standardError)")

        let provincial = try site.cli(push + ["--level", "priority"], as: "so-tt-an-giang")
        #expect(provincial.status == 0)
        let escalated = try site.cli(push, as: "so-tt-an-giang")
        #expect(Self.object(escalated)["duplicate"] as? Bool == false, "a higher level is never a duplicate")
        #expect((Self.object(escalated)["alert"] as? [String: Any])?["level"] as? String == "emergency")
        #expect(try site.daemon.wait(timeout: 30) {
            try site.daemon.asRun().contains {
                $0["source"] as? String == "alert:lu-7" && $0["level"] as? String == "emergency"
                    && $0["outcome"] as? String == "aired"
            }
        }, "\(site.daemon.log)")

        let cancel = try site.cli(["alert", "cancel", "lu-7", "--json"], as: "so-tt-an-giang")
        let cancelled = Self.object(cancel)["cancelled"] as? [[String: Any]] ?? []
        #expect(cancelled.compactMap { $0["issuer"] as? String }.allSatisfy { $0.hasPrefix("tls:CN=so-tt-an-giang,") })
        #expect(cancelled.count == 1)
        let alerts = try site.daemon.json(["alert", "list"]) as? [[String: Any]] ?? []
        #expect(alerts.first { $0["issuer"] as? String == "unix:root" }?["state"] as? String != "cancelled")
    }
}
