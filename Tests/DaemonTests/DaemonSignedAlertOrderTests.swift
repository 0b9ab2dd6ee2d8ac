import AlertTrust
import CommuneCastTesting
import Foundation
import Testing

/// Issue 14, points 3 and 4 through the real daemon and CLI: messages that arrive out of order (a cancel before its
/// alert, an older update after a newer one) never air; a signed alert carrying text is spoken and airs; and the
/// CLI says a site's refusal once, with its code and reason.
@Suite("communecastd: signed alerts out of order, spoken, and refused through the CLI", .serialized)
struct DaemonSignedAlertOrderTests {
    private static func outcome(_ reply: [String: Any]) -> String? {
        (reply["parameters"] as? [String: Any])?["outcome"] as? String
    }

    private static func asRunSources(_ daemon: DaemonHarness) throws -> [String] {
        try daemon.asRun().compactMap { $0["source"] as? String }
    }

    @Test("a cancel that arrives before its alert leaves a tombstone, and the alert then never airs, after a restart")
    func cancelBeforeAlert() async throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let province = try await fixture.signer("so-tt-an-giang")
        let deputy = try await fixture.signer("pho-giam-doc")
        let cancel = try fixture.envelope(fixture.payload(id: "huy-t", type: .cancel, references: ["bao-t"]),
                                          [(province, .draft)])
        #expect(Self.outcome(try fixture.pushRaw(cancel)) == "accepted")
        #expect(try fixture.daemon.databaseRows("SELECT id, state FROM alertReplay ORDER BY id")
                == ["bao-t|tombstone", "huy-t|open"])
        // The tombstone is in the database, so a restart between the two does not let the alert through.
        #expect(fixture.daemon.stop() == 0)
        try fixture.daemon.start()

        let alert = try fixture.envelope(fixture.payload(id: "bao-t"), [(province, .draft), (deputy, .approve)])
        let reply = try fixture.pushRaw(alert)
        #expect(Self.outcome(reply) == "suppressed", "\(reply)")
        #expect(try fixture.daemon.databaseRows("SELECT id, state FROM alertReplay ORDER BY id")
                == ["bao-t|closed", "huy-t|open"])
        #expect(try fixture.daemon.databaseRows("SELECT closedByID FROM alertReplay WHERE id = 'bao-t'") == ["huy-t"])
        #expect(try fixture.daemon.databaseRows("SELECT count(*) FROM alert") == ["0"], "nothing was stored to air")
        #expect(fixture.daemon.log.contains("signed alert suppressed"))
        // Sent again, it is the same payload the site recorded: a duplicate, still not aired.
        #expect(Self.outcome(try fixture.pushRaw(alert)) == "duplicate")
        #expect(try fixture.daemon.databaseRows("SELECT count(*) FROM alert") == ["0"])
        #expect(try fixture.daemon.asRun().isEmpty)
        #expect(fixture.refusalLines().isEmpty)
    }

    @Test("an older update arriving after a newer one is recorded and never airs; the newer one airs")
    func olderUpdateAfterNewer() async throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let province = try await fixture.signer("so-tt-an-giang")
        let deputy = try await fixture.signer("pho-giam-doc")
        let two = [(province, SignerPart.draft), (deputy, SignerPart.approve)]
        let now = Date()
        let alert = try fixture.envelope(fixture.payload(id: "bao-u", sent: now.addingTimeInterval(-120)), two)
        #expect(Self.outcome(try fixture.pushRaw(alert)) == "accepted")
        let newer = try fixture.envelope(fixture.payload(id: "cap-nhat-2", type: .update, references: ["bao-u"],
                                                         sent: now), two)
        let older = try fixture.envelope(fixture.payload(id: "cap-nhat-1", type: .update, references: ["bao-u"],
                                                         sent: now.addingTimeInterval(-60)), two)
        #expect(Self.outcome(try fixture.pushRaw(newer)) == "accepted")
        let reply = try fixture.pushRaw(older)
        #expect(Self.outcome(reply) == "suppressed", "\(reply)")

        #expect(try DaemonSignedAlertTests.waitUntilAired("cap-nhat-2", on: fixture.daemon), "\(fixture.daemon.log)")
        #expect(try fixture.daemon.databaseRows("SELECT id FROM alert ORDER BY id") == ["bao-u", "cap-nhat-2"],
                "the older update was never stored to air")
        #expect(try fixture.daemon.databaseRows("SELECT state FROM alert WHERE id = 'bao-u'") == ["cancelled"])
        #expect(try fixture.daemon.databaseRows("SELECT state, closedByID FROM alertReplay WHERE id = 'cap-nhat-1'")
                == ["closed|cap-nhat-2"])
        #expect(try !Self.asRunSources(fixture.daemon).contains("alert:cap-nhat-1"))
        #expect(fixture.refusalLines().isEmpty)
    }

    @Test("a signed alert carrying text is spoken by the site and airs as speech, with its signer in the as-run log")
    func textAlertAirsAsSpeech() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let words = "Lũ trên sông Hậu đang lên. Đề nghị bà con vùng trũng di chuyển đồ đạc lên cao."
        let file = site.daemon.directory.file("noi-1.jws")
        let draft = try site.daemon.cli(["alert", "draft", "--id", "noi-1", "--text", words, "--level", "priority",
                                         "--site", "test-site", "--no-tone", "--out", file]
                                        + fixture.signing("so-tt-an-giang"))
        #expect(draft.status == 0, "\(draft.standardError)")
        // The site speaks the text before it answers: a generous deadline for a loaded machine.
        let sent = try site.cli(["alert", "send", file, "--json", "--timeout", "120"], as: "so-tt-an-giang")
        #expect(sent.status == 0, "\(sent.standardError)\n\(site.daemon.log)")
        #expect(sent.standardOutput.contains("\"accepted\""), "\(sent.standardOutput)")

        // Spoken before the answer, so what is left to wait for is the airing itself.
        #expect(try DaemonSignedAlertTests.waitUntilAired("noi-1", on: site.daemon), "\(site.daemon.log)")
        let entry = try #require(try site.daemon.asRun().first { $0["source"] as? String == "alert:noi-1" })
        #expect(entry["text_sha256"] as? String
                == (try DaemonTextContentTests.sha256(words, in: site.daemon.directory)), "\(entry)")
        #expect((entry["signed_by"] as? String)?.hasPrefix("drafted by so-tt-an-giang") == true, "\(entry)")
        let media = try site.daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        let spoken = media.first { ($0["name"] as? String)?.hasPrefix("speech-") == true }
        #expect(spoken != nil && entry["media"] as? String == spoken?["name"] as? String, "\(entry) \(media)")
        #expect(((spoken?["duration_s"] as? Double) ?? 0) > 2, "\(String(describing: spoken))")
    }

    @Test("the CLI says a site's refusal once: the code and the reason")
    func refusalReadsOnce() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let file = site.daemon.directory.file("khac.jws")
        let draft = try site.daemon.cli(["alert", "draft", "--id", "khac-1", "--media", fixture.media, "--level",
                                         "priority", "--site", "xa-khac", "--no-tone", "--out", file]
                                        + fixture.signing("so-tt-an-giang"))
        #expect(draft.status == 0, "\(draft.standardError)")
        let sent = try site.cli(["alert", "send", file], as: "so-tt-an-giang")
        #expect(sent.status == 1, "\(sent.standardError)")
        let message = sent.standardError
        #expect(message.contains("refused the signed alert (not_for_this_site): the alert is for "), "\(message)")
        #expect(message.components(separatedBy: "refused").count == 2, "'refused' once: \(message)")
        #expect(!message.contains("(audience)"), "the verifier's step is the site's log, not the answer: \(message)")
        #expect(fixture.refusalLines().count == 1 && fixture.refusalLines()[0].contains("step=audience"),
                "\(fixture.refusalLines())")
        #expect(try fixture.daemon.databaseRows("SELECT count(*) FROM alertReplay") == ["0"])
    }
}
