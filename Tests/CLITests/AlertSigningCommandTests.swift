import AlertTrust
import CommuneCastTesting
import ControlProtocol
import Foundation
import Testing

/// `alert draft`, `alert show` and `alert approve` through the real binary, with certificates made by openssl: the
/// two-person flow, every refusal, and a site's verifier accepting the result.
@Suite("CLI: signed alert drafts and approvals")
struct AlertSigningCommandTests {
    private let media = String(repeating: "3f", count: 32)

    /// A scratch directory with a three-site inventory.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "alert-signing")
        try """
            sites:
              - {name: xa-an-phu, commune: "30316", address: "unix:/tmp/a.sock", tags: [ven-song]}
              - {name: xa-khac, commune: "30317", address: "unix:/tmp/b.sock", tags: [nui]}
              - {name: xa-ba, commune: "30318", address: "unix:/tmp/c.sock", tags: [ven-song]}
            """.write(toFile: directory.file("sites.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// `--cert`, `--key`, `--ca` for `name`.
    private func credentials(_ name: String) throws -> [String] {
        let pki = try TestPKI.shared()
        return ["--cert", pki.file("\(name).pem"), "--key", pki.file("\(name).key"),
                "--ca", pki.file("province-ca.pem")]
    }

    /// Drafts an alert as so-tt-an-giang into `file`.
    @discardableResult
    private func draft(_ file: String, _ extra: [String] = [], as name: String = "so-tt-an-giang") throws
        -> ProcessRunner.Output
    {
        try ProcessRunner.run(CLI.path, ["alert", "draft", "--id", "bao-so-9", "--media", media, "--expires", "6h",
                                         "--repeat", "3", "--interval", "600", "--tag", "ven-song", "--out", file]
                              + extra + (try credentials(name)))
    }

    private func showJSON(_ file: String) throws -> [String: Any] {
        try CLI.json("alert", "show", file, "--ca", try TestPKI.shared().file("province-ca.pem"))
    }

    private func approve(_ file: String, confirm: String, as name: String, environment: [String: String]? = nil)
        throws -> ProcessRunner.Output
    {
        try ProcessRunner.run(CLI.path, ["alert", "approve", file, "--confirm", confirm] + (try credentials(name)),
                              environment: environment)
    }

    @Test("draft, then a second person approves with the fingerprint; a site then accepts the file")
    func twoPersonFlow() async throws {
        let directory = try workspace()
        defer { directory.remove() }
        let file = directory.file("bao-so-9.jws")
        let drafted = try draft(file, ["--inventory", directory.file("sites.yaml")])
        #expect(drafted.status == 0, "\(drafted.standardError)")
        #expect(drafted.standardOutput.contains("##   ###   #### ##### #   #  ###  #"), "the ACTUAL banner")
        #expect(drafted.standardOutput.contains("BÁO ĐỘNG THẬT"))
        #expect(drafted.standardOutput.contains("tags ven-song: 2 of 3 sites in \(directory.file("sites.yaml"))"))
        #expect(drafted.standardOutput.contains("1 of 2 required people"))
        let shown = try showJSON(file)
        let fingerprint = try #require(shown["fingerprint"] as? String)
        #expect(drafted.standardOutput.contains("fingerprint \(fingerprint)"))
        #expect(shown["complete"] as? Bool == false && shown["people_required"] as? Int == 2)

        let approved = try approve(file, confirm: fingerprint.lowercased(), as: "pho-giam-doc")
        #expect(approved.status == 0, "\(approved.standardError)")
        #expect(approved.standardOutput.contains("complete: ready to send"))
        let after = try showJSON(file)
        #expect(after["complete"] as? Bool == true && after["fingerprint"] as? String == fingerprint)
        let parts = (after["signatures"] as? [[String: Any]] ?? []).map { $0["common_name"] as? String }
        #expect(parts == ["so-tt-an-giang", "pho-giam-doc"])
        #expect(try directory.entries() == ["bao-so-9.jws", "sites.yaml"], "no temporary file is left behind")

        let pki = try TestPKI.shared()
        let verifier = AlertVerifier(trust: try ProvincialTrust(path: pki.file("province-ca.pem")),
                                     site: SiteIdentity(name: "xa-an-phu", tags: ["ven-song"]))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let alert = try await verifier.verify(bytes, now: Date(), standing: { _ in .role(.provincial) },
                                              referencedRole: { _ in nil })
        #expect(alert.payload.id == "bao-so-9" && alert.payload.repeatCount == 3)
        #expect(alert.payload.content.media == media)
        #expect(alert.approvers.map(\.identity.commonName) == ["pho-giam-doc"])
    }

    @Test("approval is refused for the drafter (any certificate or key of theirs), a wrong fingerprint, twice, TLS")
    func approvalRefusals() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let file = directory.file("bao.jws")
        #expect(try draft(file).status == 0)
        let fingerprint = try #require(try showJSON(file)["fingerprint"] as? String)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        for name in ["so-tt-an-giang", "so-tt-an-giang-2", "same-key"] {
            let refused = try approve(file, confirm: fingerprint, as: name)
            #expect(refused.status == 1, "\(name)")
            #expect(refused.standardError.contains("who drafted"), "\(name): \(refused.standardError)")
        }
        let wrong = try approve(file, confirm: "0000-0000-0000-0000", as: "pho-giam-doc")
        #expect(wrong.status == 1)
        #expect(wrong.standardError.contains("has the fingerprint \(fingerprint), not 0000-0000-0000-0000"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original, "nothing was written")
        #expect(try approve(file, confirm: fingerprint, as: "pho-giam-doc").status == 0)
        let twice = try approve(file, confirm: fingerprint, as: "pho-giam-doc")
        #expect(twice.status == 1 && twice.standardError.contains("who already approved"))
        let tlsOnly = try approve(file, confirm: fingerprint, as: "tls-only")
        #expect(tlsOnly.status == 1 && tlsOnly.standardError.contains("documentSigning"), "\(tlsOnly.standardError)")
    }

    @Test("a payload changed after drafting is refused by approve and flagged by show")
    func changedPayload() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let file = directory.file("bao.jws")
        #expect(try draft(file).status == 0)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        var envelope = try JSONParser().parse(bytes).objectValue ?? [:]
        let payload = String(decoding: Base64URL.decode(envelope["payload"]?.stringValue ?? "") ?? [], as: UTF8.self)
        let changed = payload.replacingOccurrences(of: "\"repeat\":3", with: "\"repeat\":30")
        #expect(changed != payload)
        envelope["payload"] = .string(Base64URL.encode(Array(changed.utf8)))
        try Data(JSONWriter.bytes(of: .object(envelope))).write(to: URL(fileURLWithPath: file))
        let fingerprint = PayloadFingerprint(payloadBytes: Array(changed.utf8)).short
        let refused = try approve(file, confirm: fingerprint, as: "pho-giam-doc")
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("cannot be approved: signature 1 (draft by so-tt-an-giang): it does not "
                                               + "verify"), "\(refused.standardError)")
        let shown = try ProcessRunner.run(CLI.path, ["alert", "show", file])
        #expect(shown.status == 1 && shown.standardOutput.contains("do not send"))
    }

    @Test("a draft can no longer be approved an hour after drafting")
    func expiredDraft() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let file = directory.file("bao.jws")
        #expect(try draft(file).status == 0)
        let fingerprint = try #require(try showJSON(file)["fingerprint"] as? String)
        let late = try approve(file, confirm: fingerprint, as: "pho-giam-doc",
                               environment: try FakeTime.environment(offset: 3_660))
        #expect(late.status == 1)
        #expect(late.standardError.contains("the draft expired at"), "\(late.standardError)")
        let inTime = try approve(file, confirm: fingerprint, as: "pho-giam-doc",
                                 environment: try FakeTime.environment(offset: 3_000))
        #expect(inTime.status == 0, "\(inTime.standardError)")
    }

    @Test("a false-alarm cancel is complete with one signature and carries its announcement")
    func falseAlarmCancel() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let file = directory.file("huy.jws")
        let announcement = String(repeating: "9c", count: 32)
        let arguments = ["alert", "draft", "--cancel", "bao-so-9", "--media", announcement, "--tag", "ven-song",
                         "--out", file, "--json"]
        let drafted = try ProcessRunner.run(CLI.path, arguments + (try credentials("pho-giam-doc")))
        #expect(drafted.status == 0, "\(drafted.standardError)")
        let preview = try #require(try JSONSerialization.jsonObject(with: Data(drafted.standardOutput.utf8))
            as? [String: Any])
        #expect(preview["complete"] as? Bool == true && preview["people_required"] as? Int == 1)
        let payload = try #require(preview["payload"] as? [String: Any])
        #expect(payload["msg_type"] as? String == "cancel" && payload["references"] as? [String] == ["bao-so-9"])
        #expect((payload["content"] as? [String: Any])?["media"] as? String == announcement)
        #expect(payload["issuer"] as? String == "CommuneCast Test", "the issuer defaults to the CA's organisation")
        let text = try ProcessRunner.run(CLI.path, ["alert", "show", file])
        #expect(text.status == 0 && text.standardOutput.contains("cancels     bao-so-9"))
    }

    @Test("bad input: a missing or foreign file, no audience, an existing --out, a mismatched key, an exercise banner")
    func badInput() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let missing = try ProcessRunner.run(CLI.path, ["alert", "show", directory.file("nope.jws")])
        #expect(missing.status == 1 && missing.standardError.contains("nope.jws' does not exist"))
        let garbage = try ProcessRunner.run(CLI.path, ["alert", "show", directory.file("sites.yaml")])
        #expect(garbage.status == 1 && garbage.standardError.contains("is not a signed alert this tool can read"))
        let noAudience = try ProcessRunner.run(CLI.path, ["alert", "draft", "--media", media,
                                                          "--out", directory.file("a.jws")]
                                               + (try credentials("so-tt-an-giang")))
        #expect(noAudience.status == 2 && noAudience.standardError.contains("--site, --tag or --area"))

        let file = directory.file("bao.jws")
        #expect(try draft(file, ["--status", "exercise"]).standardOutput.contains("DIỄN TẬP"))
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let exists = try draft(file)
        #expect(exists.status == 1 && exists.standardError.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)

        let pki = try TestPKI.shared()
        let mismatch = try ProcessRunner.run(CLI.path, [
            "alert", "draft", "--media", media, "--site", "x", "--out", directory.file("m.jws"),
            "--cert", pki.file("so-tt-an-giang.pem"), "--key", pki.file("pho-giam-doc.key"),
            "--ca", pki.file("province-ca.pem"),
        ])
        #expect(mismatch.status == 1 && mismatch.standardError.contains("does not belong to the certificate"))
        let cannotSign = try draft(directory.file("n.jws"), as: "no-digital-signature")
        #expect(cannotSign.status == 1 && cannotSign.standardError.contains("digitalSignature"))
        #expect(try directory.entries() == ["bao.jws", "sites.yaml"])
    }
}
