import CommuneCastTesting
import Foundation
import Testing

/// Issue 17's "done when" through the real daemon and CLI: a real CAP sample becomes a signed alert with `cap
/// draft`, is approved by a second person and sent with `alert send`, and airs with its CAP source in the as-run
/// log and `communecast log`; a sample with status Test never airs publicly; and `cap watch` sends at once only
/// what one signature completes, holding an actual emergency for its approver.
///
/// The samples are from 2003: the copies aired here have their `sent` and `expires` rewritten to now and an hour
/// from now (the daemon runs on the real clock); everything else is the sample's own text.
@Suite("communecastd: CAP warnings end to end", .serialized)
struct DaemonCAPTests {
    /// Inside the thunderstorm sample's polygon (Alpine County, California), where the inventory puts the site.
    static let location = "{lat: 38.48, lon: -119.93}"

    /// The thunderstorm sample (KSTO1055887203: Severe, Immediate, Observed, so priority) with its times moved to
    /// now, and `status` and `identifier` as given.
    static func thunderstorm(status: String = "Actual", identifier: String = "KSTO1055887203") throws -> String {
        let format = ISO8601DateFormatter()
        format.timeZone = TimeZone(secondsFromGMT: -7 * 3_600)
        let now = Date()
        let sent = format.string(from: now.addingTimeInterval(-60))
        let expires = format.string(from: now.addingTimeInterval(3_600))
        return try CAPSamples.Sample.thunderstorm.text()
            .replacingOccurrences(of: "2003-06-17T14:57:00-07:00", with: sent)
            .replacingOccurrences(of: "2003-06-17T16:00:00-07:00", with: expires)
            .replacingOccurrences(of: "<status>Actual</status>", with: "<status>\(status)</status>")
            .replacingOccurrences(of: "<identifier>KSTO1055887203</identifier>",
                                  with: "<identifier>\(identifier)</identifier>")
    }

    /// Writes `text` as `name` in the daemon's directory and returns the path.
    static func write(_ text: String, _ name: String, in fixture: SignedAlertSite) throws -> String {
        let path = fixture.daemon.directory.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The inventory the office uses: the one site, at `location`, reached over TLS as so-tt-an-giang.
    static func inventory(_ fixture: SignedAlertSite) throws -> String {
        try write("""
            defaults: {cert: \(fixture.pki.file("so-tt-an-giang.pem")), key: \(fixture.pki.file("so-tt-an-giang.key")),
                       ca: \(fixture.pki.file("province-ca.pem"))}
            sites:
              - {name: test-site, commune: "00001", address: "tls:127.0.0.1:\(fixture.site.port)", tags: [ven-song],
                 location: \(location)}
            """, "province.yaml", in: fixture)
    }

    private static func object(_ output: ProcessRunner.Output) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [String: Any] ?? [:]
    }

    @Test("a CAP sample: cap draft, a second person's alert approve, alert send; it airs, traced to its CAP message")
    func sampleAirs() throws {
        // Priority actual alerts need two people on this site, so the approval is what lets it air.
        let fixture = try SignedAlertSite(alerts: "  people: {priority_actual: 2}\n")
        defer { fixture.cleanUp() }
        let site = fixture.site
        let policy = try Self.write("senders:\n  - {sender: KSTO@NWS.NOAA.GOV, signature: optional}\n",
                                    "cap-policy.yaml", in: fixture)
        let inventory = try Self.inventory(fixture)
        let warning = try Self.write(try Self.thunderstorm(), "ksto.cap", in: fixture)
        let sent = try #require(try CAPSamples.elements("sent", in: String(contentsOfFile: warning, encoding: .utf8))
            .first)
        let file = site.daemon.directory.file("ksto.jws")
        let base = ["cap", "draft", warning, "--policy", policy, "--inventory", inventory, "--out", file]
            + fixture.signing("so-tt-an-giang")

        let held = try site.daemon.cli(base)
        #expect(held.status == 1 && held.standardError.contains("hold"), "English text waits for a person")
        let drafted = try site.daemon.cli(base + ["--text", "Dông mạnh kèm mưa đá. Bà con trú ẩn ngay."])
        #expect(drafted.status == 0, "\(drafted.standardError)")
        #expect(drafted.standardOutput.contains("1 of 1 site(s) inside (test-site)"), "\(drafted.standardOutput)")

        let id = "cap:KSTO@NWS.NOAA.GOV,KSTO1055887203"
        let alone = try site.cli(["alert", "send", file], as: "so-tt-an-giang")
        #expect(alone.status == 1 && alone.standardError.contains("refused"), "\(alone.standardError)")
        #expect(try site.daemon.databaseRows("SELECT id FROM alert").isEmpty, "one signature airs nothing here")

        let shown = try site.daemon.json(["alert", "show", file]) as? [String: Any]
        let fingerprint = try #require(shown?["fingerprint"] as? String)
        let approve = try site.daemon.cli(["alert", "approve", file, "--confirm", fingerprint]
                                          + fixture.signing("pho-giam-doc"))
        #expect(approve.status == 0, "\(approve.standardError)")
        let sentOut = try site.cli(["alert", "send", file, "--json"], as: "so-tt-an-giang")
        #expect(sentOut.status == 0, "\(sentOut.standardError)\n\(site.daemon.log)")
        #expect(Self.object(sentOut)["outcome"] as? String == "accepted")

        #expect(try DaemonSignedAlertTests.waitUntilAired(id, on: site.daemon), "\(site.daemon.log)")
        let airing = try site.daemon.asRun().first { $0["source"] as? String == "alert:\(id)" }
        #expect(airing?["cap_source"] as? String == "KSTO@NWS.NOAA.GOV,KSTO1055887203,\(sent)",
                "\(String(describing: airing))")
        #expect((airing?["signed_by"] as? String)?.contains("approved by pho-giam-doc") == true)
        #expect(try site.daemon.databaseRows("SELECT capSource FROM alert WHERE id = '\(id)'")
                == ["KSTO@NWS.NOAA.GOV,KSTO1055887203,\(sent)"])
        let alerts = try site.daemon.json(["alert", "list"]) as? [[String: Any]] ?? []
        #expect(alerts.first { $0["id"] as? String == id }?["cap_source"] as? String
                == "KSTO@NWS.NOAA.GOV,KSTO1055887203,\(sent)", "\(alerts)")
        let log = try site.cli(["log"], as: "giam-sat")
        #expect(log.standardOutput.contains("CAP KSTO@NWS.NOAA.GOV,KSTO1055887203,\(sent)"),
                "\(log.standardOutput)\(log.standardError)")
        let csv = try site.cli(["log", "--csv"], as: "giam-sat")
        #expect(csv.standardOutput.split(separator: "\n").first?.hasSuffix(",signed_by,cap_source") == true)
    }

    @Test("a CAP sample with status Test is never drafted for the public, and never airs on a public site")
    func testStatusDoesNotAir() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let senders = "senders:\n  - {sender: KSTO@NWS.NOAA.GOV, signature: optional}\n"
        let inventory = try Self.inventory(fixture)
        let warning = try Self.write(try Self.thunderstorm(status: "Test", identifier: "KSTO-T1"), "test.cap",
                                     in: fixture)
        let file = site.daemon.directory.file("test.jws")
        let draft = { (policy: String) in
            try site.daemon.cli(["cap", "draft", warning, "--policy", policy, "--inventory", inventory, "--out", file,
                                 "--text", "Thử nghiệm hệ thống."] + fixture.signing("so-tt-an-giang"))
        }

        let logged = try draft(try Self.write(senders, "public.yaml", in: fixture))
        #expect(logged.status == 1 && logged.standardError.contains("status Test: no public audio"),
                "\(logged.standardError)")
        #expect(!FileManager.default.fileExists(atPath: file), "nothing is written for a Test without a test audience")

        // With a test audience (the bench sites), the draft goes to them only: the public site refuses it.
        let bench = try Self.write(senders + "test_audience: {tags: [bench]}\n", "bench.yaml", in: fixture)
        let drafted = try draft(bench)
        #expect(drafted.status == 0, "\(drafted.standardError)")
        let shown = try site.daemon.json(["alert", "show", file]) as? [String: Any]
        let payload = shown?["payload"] as? [String: Any]
        #expect(payload?["status"] as? String == "test")
        #expect((payload?["audience"] as? [String: Any])?["tags"] as? [String] == ["bench"])
        let sent = try site.cli(["alert", "send", file], as: "so-tt-an-giang")
        #expect(sent.status == 1 && sent.standardError.contains("refused"), "\(sent.standardError)")
        #expect(try site.daemon.databaseRows("SELECT id FROM alert").isEmpty)
        #expect(try site.daemon.asRun().allSatisfy { ($0["source"] as? String)?.hasPrefix("alert:") != true })
    }

    @Test("cap watch sends a priority warning at once where the policy says so, and holds an actual emergency")
    func watchSendsAtOnce() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let policy = try Self.write("""
            senders:
              - {sender: KSTO@NWS.NOAA.GOV, signature: optional}
            auto_send: {levels: [priority, emergency]}
            """, "cap-policy.yaml", in: fixture)
        let inventory = try Self.inventory(fixture)
        let inbox = site.daemon.directory.file("inbox")
        let out = site.daemon.directory.file("out")
        for directory in [inbox, out] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // The sample in Vietnamese (as a Vietnamese office would receive it), and an Extreme copy of it.
        let vietnamese = try Self.thunderstorm(identifier: "KSTO-VI")
            .replacingOccurrences(of: "<info>", with: "<info><language>vi-VN</language>")
            .replacingOccurrences(of: "SEVERE THUNDERSTORM WARNING", with: "Cảnh báo dông mạnh")
        try vietnamese.write(toFile: "\(inbox)/priority.cap", atomically: true, encoding: .utf8)
        try vietnamese.replacingOccurrences(of: "KSTO-VI", with: "KSTO-VI-X")
            .replacingOccurrences(of: "<severity>Severe</severity>", with: "<severity>Extreme</severity>")
            .write(toFile: "\(inbox)/emergency.cap", atomically: true, encoding: .utf8)

        let watch = try site.daemon.cli(["cap", "watch", inbox, "--policy", policy, "--inventory", inventory,
                                         "--out-dir", out, "--once", "--json"] + fixture.signing("so-tt-an-giang"))
        #expect(watch.status == 0, "\(watch.standardError)")
        let lines = watch.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let sends = Dictionary(uniqueKeysWithValues: lines.map {
            (($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } ?? "", $0["send"] as? String)
        })
        #expect(sends["priority.cap"] == "sent: test-site accepted", "\(watch.standardOutput)")
        #expect(sends["emergency.cap"]??.hasPrefix("held for a second person") == true, "\(watch.standardOutput)")

        #expect(try DaemonSignedAlertTests.waitUntilAired("cap:KSTO@NWS.NOAA.GOV,KSTO-VI", on: site.daemon),
                "\(site.daemon.log)")
        #expect(try site.daemon.databaseRows("SELECT id FROM alert ORDER BY id") == ["cap:KSTO@NWS.NOAA.GOV,KSTO-VI"],
                "the emergency waits for its approver")
        let airing = try site.daemon.asRun().first { $0["source"] as? String == "alert:cap:KSTO@NWS.NOAA.GOV,KSTO-VI" }
        #expect((airing?["cap_source"] as? String)?.hasPrefix("KSTO@NWS.NOAA.GOV,KSTO-VI,") == true)
    }
}
