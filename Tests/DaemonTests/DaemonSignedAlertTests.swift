import AlertTrust
import CommuneCastTesting
import Foundation
import Testing

/// Issue 14 through the real daemon and CLI: a two-person emergency drafted, approved and sent with `communecast`,
/// aired and listed with its signers; replays before and after a restart; a cancel and the replay after it; an
/// equivocation alarmed in health; every attack refused with its code, nothing aired and the store unchanged; and
/// the transitional rule for unsigned alerts.
@Suite("communecastd: signed alerts end to end", .serialized)
struct DaemonSignedAlertTests {
    private static func object(_ output: ProcessRunner.Output) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [String: Any] ?? [:]
    }

    /// Whether the as-run log shows `id` aired; waits for it.
    static func waitUntilAired(_ id: String, on daemon: DaemonHarness) throws -> Bool {
        try daemon.wait(timeout: 60) {
            try daemon.asRun().contains {
                $0["source"] as? String == "alert:\(id)" && $0["outcome"] as? String == "aired"
            }
        }
    }

    @Test("drafted, approved and sent with the CLI, it airs with its signers; replays are duplicates after a restart")
    func twoPersonEndToEnd() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let file = site.daemon.directory.file("bao-1.jws")
        let draft = try site.daemon.cli(["alert", "draft", "--id", "bao-1", "--media", fixture.media, "--site",
                                         "test-site", "--no-tone", "--out", file] + fixture.signing("so-tt-an-giang"))
        #expect(draft.status == 0, "\(draft.standardError)")

        let early = try site.cli(["alert", "send", file], as: "so-tt-an-giang")
        #expect(early.status == 1 && early.standardError.contains("alert approve"), "\(early.standardError)")
        #expect(try fixture.storeRows().isEmpty, "an unapproved emergency is not even sent")

        let shown = try site.daemon.json(["alert", "show", file]) as? [String: Any]
        let fingerprint = try #require(shown?["fingerprint"] as? String)
        let approve = try site.daemon.cli(["alert", "approve", file, "--confirm", fingerprint]
                                          + fixture.signing("pho-giam-doc"))
        #expect(approve.status == 0, "\(approve.standardError)")

        let sent = try site.cli(["alert", "send", file, "--json"], as: "so-tt-an-giang")
        #expect(sent.status == 0, "\(sent.standardError)\n\(site.daemon.log)")
        let reply = Self.object(sent)
        #expect(reply["outcome"] as? String == "accepted")
        let alert = reply["alert"] as? [String: Any]
        #expect((alert?["drafter"] as? String)?.hasPrefix("so-tt-an-giang") == true)
        #expect((alert?["approvers"] as? String)?.hasPrefix("pho-giam-doc") == true)
        #expect(try Self.waitUntilAired("bao-1", on: site.daemon), "\(site.daemon.log)")
        let airing = try site.daemon.asRun().first { $0["source"] as? String == "alert:bao-1" }
        let signedBy = airing?["signed_by"] as? String ?? ""
        #expect(signedBy.hasPrefix("drafted by so-tt-an-giang") && signedBy.contains("approved by pho-giam-doc"),
                "the as-run log names both people: \(String(describing: airing))")
        #expect(site.daemon.log.contains("signed alert accepted"))

        let listed = try site.cli(["alert", "list"], as: "giam-sat")
        #expect(listed.standardOutput.contains("DRAFTED BY") && listed.standardOutput.contains("pho-giam-doc"),
                "\(listed.standardOutput)")

        #expect(try fixture.waitUntilSettled("bao-1"), "the alert's row still says it is on air")
        let rowsAfterAiring = try fixture.storeRows()
        let again = try site.cli(["alert", "send", file, "--json"], as: "so-tt-an-giang")
        #expect(Self.object(again)["outcome"] as? String == "duplicate", "\(again.standardOutput)")
        #expect(try fixture.storeRows() == rowsAfterAiring)

        // The same file to an inventory selection: the fan-out report, exit 0, the site answers duplicate.
        let inventory = site.daemon.directory.file("province.yaml")
        try """
            defaults: {cert: \(fixture.pki.file("so-tt-an-giang.pem")), key: \(fixture.pki.file("so-tt-an-giang.key")),
                       ca: \(fixture.pki.file("province-ca.pem"))}
            sites:
              - {name: test-site, commune: "00001", address: "tls:127.0.0.1:\(site.port)", tags: [ven-song]}
            """.write(toFile: inventory, atomically: true, encoding: .utf8)
        let fanned = try site.daemon.cli(["alert", "send", file, "--inventory", inventory, "--tag", "ven-song",
                                          "--timeout", "60"])
        #expect(fanned.status == 0, "\(fanned.standardError)")
        #expect(fanned.standardOutput.contains("test-site") && fanned.standardOutput.contains("duplicate"),
                "\(fanned.standardOutput)")

        #expect(site.daemon.stop() == 0)
        try site.daemon.start()
        let afterRestart = try site.daemon.cli(["alert", "send", file, "--json"])
        #expect(Self.object(afterRestart)["outcome"] as? String == "duplicate", "\(afterRestart.standardError)")
        #expect(try fixture.storeRows() == rowsAfterAiring, "nothing aired again after the restart")
        let aired = try site.daemon.asRun().filter { $0["source"] as? String == "alert:bao-1" }
        #expect(aired.count == 1, "\(aired)")

        // One signature cancels; the alert's replay after the cancel is still only a duplicate.
        let cancelFile = site.daemon.directory.file("huy-1.jws")
        let cancelDraft = try site.daemon.cli(["alert", "draft", "--id", "huy-1", "--cancel", "bao-1", "--site",
                                               "test-site", "--out", cancelFile] + fixture.signing("pho-giam-doc"))
        #expect(cancelDraft.status == 0, "\(cancelDraft.standardError)")
        let cancel = try site.daemon.cli(["alert", "send", cancelFile, "--json"])
        #expect(Self.object(cancel)["outcome"] as? String == "accepted", "\(cancel.standardError)")
        let replay = try site.daemon.cli(["alert", "send", file, "--json"])
        #expect(Self.object(replay)["outcome"] as? String == "duplicate")
        #expect(try site.daemon.databaseRows("SELECT state FROM alert WHERE id = 'bao-1'") == ["cancelled"])
        #expect(try site.daemon.databaseRows("SELECT state FROM alertReplay WHERE id = 'bao-1'") == ["closed"])
    }

    @Test("a one-signature cancel carrying the \"báo động nhầm\" recording airs it and ends the alert's repeats")
    func falseAlarmCorrection() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let correction = try SignedAlertSite.upload(to: site.daemon, name: "bao-dong-nham", frequency: 900)

        // An actual emergency repeating every second, long enough that the cancel arrives while it is in force.
        let file = site.daemon.directory.file("bao-9.jws")
        let draft = try site.daemon.cli(["alert", "draft", "--id", "bao-9", "--media", fixture.media, "--site",
                                         "test-site", "--no-tone", "--repeat", "50", "--interval", "1", "--out", file]
                                        + fixture.signing("so-tt-an-giang"))
        #expect(draft.status == 0, "\(draft.standardError)")
        let shown = try site.daemon.json(["alert", "show", file]) as? [String: Any]
        let fingerprint = try #require(shown?["fingerprint"] as? String)
        #expect(try site.daemon.cli(["alert", "approve", file, "--confirm", fingerprint]
                                    + fixture.signing("pho-giam-doc")).status == 0)
        #expect(try site.daemon.cli(["alert", "send", file]).status == 0)
        #expect(try Self.waitUntilAired("bao-9", on: site.daemon), "\(site.daemon.log)")

        let cancelFile = site.daemon.directory.file("huy-9.jws")
        let cancelDraft = try site.daemon.cli(["alert", "draft", "--id", "huy-9", "--cancel", "bao-9", "--media",
                                               correction, "--site", "test-site", "--no-tone", "--out", cancelFile]
                                              + fixture.signing("pho-giam-doc"))
        #expect(cancelDraft.status == 0, "\(cancelDraft.standardError)")
        let cancel = try site.daemon.cli(["alert", "send", cancelFile])
        #expect(cancel.status == 0, "one signature is enough for a cancel: \(cancel.standardError)")
        #expect(try Self.waitUntilAired("huy-9", on: site.daemon), "the correction airs: \(site.daemon.log)")
        #expect(try site.daemon.databaseRows("SELECT state FROM alert WHERE id = 'bao-9'") == ["cancelled"])
        let log = try site.daemon.asRun()
        let correctionAiring = try #require(log.first { $0["source"] as? String == "alert:huy-9" })
        #expect(correctionAiring["media"] as? String == "bao-dong-nham", "\(correctionAiring)")
        #expect(log.filter { $0["source"] as? String == "alert:bao-9" }.count < 50, "the cancel ended the repeats")
        let list = try site.daemon.json(["alert", "list"]) as? [[String: Any]] ?? []
        #expect(list.first { $0["id"] as? String == "bao-9" }?["state"] as? String == "cancelled", "\(list)")
    }

    @Test("the same id with other content is refused and raised in health and the log")
    func equivocation() async throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let drafter = try await fixture.signer("so-tt-an-giang")
        let approver = try await fixture.signer("pho-giam-doc")
        let first = try fixture.envelope(fixture.payload(id: "bao-2"), [(drafter, .draft), (approver, .approve)])
        #expect(SignedAlertSite.refusalCode(try fixture.pushRaw(first)) == nil)
        // Aired and settled first, so that only the equivocation could change the rows compared below.
        #expect(try Self.waitUntilAired("bao-2", on: fixture.daemon) && fixture.waitUntilSettled("bao-2"))
        let rows = try fixture.storeRows()
        let other = try fixture.envelope(fixture.payload(id: "bao-2", repeatCount: 3),
                                         [(drafter, .draft), (approver, .approve)])
        #expect(SignedAlertSite.refusalCode(try fixture.pushRaw(other)) == "equivocation")
        #expect(try fixture.storeRows() == rows)
        let health = try fixture.daemon.health()
        let alarms = health["alert_alarms"] as? [String] ?? []
        #expect(alarms.count == 1 && alarms[0].contains("bao-2"), "\(health)")
        #expect(fixture.daemon.log.contains("ALARM signed alert equivocation"))
    }

    @Test("every attack is refused with its reason, airs nothing and leaves the store as it was")
    func attacks() async throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let province = try await fixture.signer("so-tt-an-giang")
        let deputy = try await fixture.signer("pho-giam-doc")
        let two: (String) throws -> String = { id in
            try fixture.envelope(fixture.payload(id: id), [(province, .draft), (deputy, .approve)])
        }
        // A provincial alert to refer to, accepted before the attacks.
        #expect(SignedAlertSite.refusalCode(try fixture.pushRaw(try two("base"))) == nil)
        #expect(try Self.waitUntilAired("base", on: fixture.daemon) && fixture.waitUntilSettled("base"))
        let before = try fixture.storeRows()
        let asRunBefore = try fixture.daemon.asRun().count

        func flip(_ envelope: String, inside key: String) -> String {
            var characters = Array(envelope)
            let start = envelope.range(of: "\"\(key)\":\"")!.upperBound
            let index = envelope.distance(from: envelope.startIndex, to: start) + 20
            characters[index] = characters[index] == "A" ? "B" : "A"
            return String(characters)
        }
        /// The envelope with the first signature's `iat` one second earlier: a valid header, no longer signed.
        func alterIssuedAt(_ envelope: String) throws -> String {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(envelope.utf8)) as? [String: Any])
            var signatures = try #require(object["signatures"] as? [[String: Any]])
            var encoded = try #require(signatures[0]["protected"] as? String)
            encoded = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            encoded += String(repeating: "=", count: (4 - encoded.count % 4) % 4)
            let header = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
            let label = try #require(header.range(of: "\"iat\":"))
            let digits = header[label.upperBound...].prefix { $0.isNumber }
            let seconds = try #require(Int(digits))
            let altered = header.replacingCharacters(in: label.lowerBound..<digits.endIndex,
                                                     with: "\"iat\":\(seconds - 1)")
            signatures[0]["protected"] = Data(altered.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            object["signatures"] = signatures
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let valid = try two("bao-3")
        let now = Date()
        var cases: [(name: String, envelope: String, code: String)] = [
            ("bit flip in the payload", flip(valid, inside: "payload"), "bad_signature"),
            ("a protected header altered", try alterIssuedAt(valid), "bad_signature"),
            ("a protected header no longer JSON", flip(valid, inside: "protected"), "malformed"),
            ("bit flip in a signature", flip(valid, inside: "signature"), "bad_signature"),
            ("oversized", valid + String(repeating: " ", count: 70_000), "too_large"),
            ("duplicate JSON key", "{\"payload\":\"e30\"," + valid.dropFirst(), "malformed"),
            ("unknown field", "{\"extra\":1," + valid.dropFirst(), "malformed"),
        ]
        cases.append(("foreign CA", try fixture.envelope(fixture.payload(id: "bao-4"), [
            (try await fixture.signer("other/intruder", issuer: "other/province-ca.pem"), .draft), (deputy, .approve),
        ]), "untrusted_certificate"))
        cases.append(("revoked signer", try fixture.envelope(fixture.payload(id: "bao-5"), [
            (try await fixture.signer("revoked-staff"), .draft), (deputy, .approve),
        ]), "signer_revoked"))
        cases.append(("emergency with one signature", try fixture.envelope(fixture.payload(id: "bao-6"), [
            (province, .draft),
        ]), "not_enough_people"))
        cases.append(("drafter approving own draft", try fixture.envelope(fixture.payload(id: "bao-7"), [
            (province, .draft), (province, .approve),
        ]), "drafter_approved"))
        cases.append(("operator signing an emergency", try fixture.envelope(fixture.payload(id: "bao-8"), [
            (try await fixture.signer("can-bo-xa-an-phu"), .draft), (deputy, .approve),
        ]), "role_too_low"))
        cases.append(("envelope for another site", try fixture.envelope(fixture.payload(id: "bao-9",
                                                                                    sites: ["xa-khac"]), [
            (province, .draft), (deputy, .approve),
        ]), "not_for_this_site"))
        let earlier = now.addingTimeInterval(-1_800)
        cases.append(("stale iat", try fixture.envelope(fixture.payload(id: "bao-10", sent: earlier),
                                                        [(province, .draft), (deputy, .approve)], at: earlier),
                      "signature_too_old"))
        cases.append(("future iat", try fixture.envelope(fixture.payload(id: "bao-11"),
                                                         [(province, .draft), (deputy, .approve)],
                                                         at: now.addingTimeInterval(600)), "signature_in_future"))
        cases.append(("cancel from a lower role", try fixture.envelope(
            fixture.payload(id: "huy-2", level: .priority, type: .cancel, references: ["base"]),
            [(try await fixture.signer("can-bo-xa-an-phu"), .draft)]
        ), "reference_role_too_low"))

        for attack in cases {
            let reply = try fixture.pushRaw(attack.envelope)
            #expect(SignedAlertSite.refusalCode(reply) == attack.code, "\(attack.name): \(reply)")
            #expect(try fixture.storeRows() == before, "\(attack.name) changed the store")
        }
        let refusals = fixture.daemon.log.split(separator: "\n").filter { $0.hasSuffix("] signed alert refused") }
        #expect(refusals.count == cases.count, "\(refusals)")
        for attack in cases {
            #expect(refusals.contains { $0.contains("code=\(attack.code)") }, "\(attack.name) is logged with its code")
        }
        #expect(try fixture.daemon.asRun().count == asRunBefore, "nothing aired")
        #expect(try fixture.daemon.databaseRows("SELECT count(*) FROM alert") == ["1"])
    }

    @Test("unsigned PushAlert: refused over TLS by default, accepted on the Unix socket and audited as unsigned")
    func transitionalRule() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let push = ["alert", "push", "--media", "bao", "--no-tone", "--level", "priority", "--status", "test"]
        let overTLS = try fixture.site.cli(push + ["--id", "t-1"], as: "so-tt-an-giang")
        #expect(overTLS.status == 1 && overTLS.standardError.contains("unsigned_over_tls"), "\(overTLS.standardError)")
        #expect(try fixture.daemon.databaseRows("SELECT count(*) FROM alert") == ["0"])
        let local = try fixture.daemon.cli(push + ["--id", "t-2"])
        #expect(local.status == 0, "\(local.standardError)")
        let audited = try fixture.daemon.databaseRows(
            "SELECT result, summary FROM audit WHERE method = 'io.communecast.Site.PushAlert' ORDER BY id"
        )
        #expect(audited.count == 2 && audited.allSatisfy { $0.hasSuffix(" unsigned") }, "\(audited)")
        #expect(audited.first?.hasPrefix("io.communecast.Site.AlertRefused|") == true, "\(audited)")
    }
}
