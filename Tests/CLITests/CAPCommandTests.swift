import AlertTrust
import CommuneCastTesting
import Foundation
import Testing

/// `cap check`, `cap draft` and `cap watch` through the real binary: the eight samples with their keys pinned,
/// drafts a site's verifier reads, held messages and a person's decision, audio resources, and a watched directory
/// and feed (with conditional requests to a real HTTP server on loopback).
@Suite("CLI: CAP intake")
struct CAPCommandTests {
    /// A workspace with the samples' keys pinned in `policy.yaml` (plus `extra`) and a three-site inventory.
    private func workspace(_ extra: String = "") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "cap-cli")
        let senders = try CAPSamples.pinKeys(in: directory)
        try (senders + "  - {sender: \"kttv@angiang.example\", signature: optional}\n" + extra)
            .write(toFile: directory.file("policy.yaml"), atomically: true, encoding: .utf8)
        try """
            sites:
              - {name: an-phu, commune: "30292", address: "unix:/tmp/a.sock", location: {lat: 10.81, lon: 105.09}}
              - {name: chau-doc, address: "unix:/tmp/b.sock", location: {lat: 10.70, lon: 105.12}}
              - {name: tan-chau, address: "unix:/tmp/c.sock", geocodes: {"VN:MaXa": "30301"}}
            """.write(toFile: directory.file("sites.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    private func signing() throws -> [String] {
        try TestPKI.shared().clientArguments("so-tt-an-giang")
    }

    /// A fresh message of ours: sent now, six hours long, an area around An Phu, Vietnamese text.
    private func message(identifier: String = "kttv-1", extra: String = "", area: Bool = true) -> String {
        let now = Date()
        let format = ISO8601DateFormatter()
        format.timeZone = TimeZone(secondsFromGMT: 7 * 3_600)
        let time = { (date: Date) in format.string(from: date).replacingOccurrences(of: "Z", with: "+00:00") }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(identifier)</identifier>\
            <sender>kttv@angiang.example</sender><sent>\(time(now))</sent><status>Actual</status>\
            <msgType>Alert</msgType><scope>Public</scope><info><language>vi-VN</language><category>Met</category>\
            <event>Lũ quét</event><urgency>Immediate</urgency><severity>Extreme</severity>\
            <certainty>Observed</certainty><expires>\(time(now.addingTimeInterval(6 * 3_600)))</expires>\
            <headline>Cảnh báo lũ quét tại An Phú</headline><instruction>Di chuyển lên vùng cao ngay.</instruction>\
            \(extra)\(area ? "<area><areaDesc>An Phú</areaDesc><polygon>10.75,105.00 10.90,105.00 10.90,105.20 "
                      + "10.75,105.20 10.75,105.00</polygon></area>" : "")</info></alert>
            """
    }

    @Test("cap check reads all eight samples, the signed ones verified with the pinned keys")
    func checkSamples() throws {
        let directory = try workspace()
        defer { directory.remove() }
        // Each at its own sent time: no one instant lies within every pinned certificate's validity (Environment
        // Canada's expired in 2015, before the IPAWS message was sent).
        let format = ISO8601DateFormatter()
        let entries = try CAPSamples.Sample.allCases.flatMap { sample in
            let report = try CLI.json(["cap", "check", "--policy", directory.file("policy.yaml"), "--at",
                                       format.string(from: try sample.sent()), sample.path])
            return report["files"] as? [[String: Any]] ?? []
        }
        #expect(entries.count == 8 && entries.allSatisfy { $0["refused"] as? Bool == false })
        let signed = entries.filter { !(($0["signatures"] as? [[String: Any]]) ?? []).isEmpty }
        #expect(signed.count == 3)
        let verified = signed.flatMap { ($0["signatures"] as? [[String: Any]]) ?? [] }.map { $0["verified"] as? Bool }
        #expect(verified == [true, true, true, true], "Canada's two, IPAWS's and PAGASA's")
    }

    @Test("cap check refuses a hostile file with exit 1 and names the problem; the others still print")
    func checkRefuses() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try "<!DOCTYPE alert SYSTEM \"http://127.0.0.1:9/x.dtd\"><alert/>"
            .write(toFile: directory.file("xxe.xml"), atomically: true, encoding: .utf8)
        let output = try CLI.run("cap", "check", "--policy", directory.file("policy.yaml"), directory.file("xxe.xml"),
                                 CAPSamples.Sample.thunderstorm.path, "--at", "2003-06-17T22:00:00Z")
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("document: holds a DOCTYPE declaration"))
        #expect(output.standardOutput.contains("KSTO1055887203"))
        #expect(output.standardError.contains("1 of 2 CAP file(s) refused"))
    }

    @Test("cap draft writes a signed alert that carries the CAP source; alert show reads it")
    func draft() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try message().write(toFile: directory.file("warning.xml"), atomically: true, encoding: .utf8)
        let drafted = try ProcessRunner.run(CLI.path, ["cap", "draft", directory.file("warning.xml"), "--policy",
                                                       directory.file("policy.yaml"), "--inventory",
                                                       directory.file("sites.yaml"), "--out",
                                                       directory.file("warning.jws")] + (try signing()))
        #expect(drafted.status == 0, "\(drafted.standardError)")
        #expect(drafted.standardOutput.contains("source    CAP kttv-1 from kttv@angiang.example"))
        #expect(drafted.standardOutput.contains("1 of 3 site(s) inside (an-phu)"))
        #expect(drafted.standardOutput.contains("from CAP    kttv-1 by kttv@angiang.example"))
        let shown = try CLI.json("alert", "show", directory.file("warning.jws"), "--ca",
                                 try TestPKI.shared().file("province-ca.pem"))
        let payload = shown["payload"] as? [String: Any] ?? [:]
        let cap = payload["cap"] as? [String: Any] ?? [:]
        #expect(cap["identifier"] as? String == "kttv-1" && (cap["sha256"] as? String)?.count == 64)
        #expect(payload["level"] as? String == "emergency" && payload["id"] as? String
                == "cap:kttv@angiang.example,kttv-1")
        #expect((payload["audience"] as? [String: Any])?["sites"] as? [String] == ["an-phu"])
        #expect(shown["people_required"] as? Int == 2, "an actual emergency still needs its approver")
    }

    @Test("a held message is not drafted until a person decides; then it is")
    func held() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try message(area: false).write(toFile: directory.file("no-area.xml"), atomically: true, encoding: .utf8)
        let base = ["cap", "draft", directory.file("no-area.xml"), "--policy", directory.file("policy.yaml"),
                    "--out", directory.file("no-area.jws")] + (try signing())
        let refused = try ProcessRunner.run(CLI.path, base)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("no draft written (hold: no area"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("no-area.jws")))
        let decided = try ProcessRunner.run(CLI.path, base + ["--tag", "ven-song"])
        #expect(decided.status == 0, "\(decided.standardError)")
        #expect(decided.standardOutput.contains("audience tags ven-song, set by the drafter"))
    }

    @Test("an inline audio resource (WAV, or MP3 as IPAWS sends) is checked, imported and named by the draft",
          arguments: ["audio/wav", "audio/mpeg"])
    func audioResource(mimeType: String) throws {
        let directory = try workspace()
        defer { directory.remove() }
        let wav = directory.file("tin.wav")
        try ProcessRunner.checked("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", wav, "synth", "2", "sine", "440"])
        let recording = mimeType == "audio/mpeg" ? directory.file("tin.mp3") : wav
        if recording != wav {
            try ProcessRunner.checked("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", wav, "-c:a", "libmp3lame",
                                                 recording])
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: recording))
        let resource = "<resource><resourceDesc>Bản tin</resourceDesc><mimeType>\(mimeType)</mimeType>"
            + "<size>\(data.count)</size><derefUri>\(data.base64EncodedString())</derefUri></resource>"
        try message(extra: resource).write(toFile: directory.file("audio.xml"), atomically: true, encoding: .utf8)
        let drafted = try ProcessRunner.run(CLI.path, ["cap", "draft", directory.file("audio.xml"), "--policy",
                                                       directory.file("policy.yaml"), "--inventory",
                                                       directory.file("sites.yaml"), "--out",
                                                       directory.file("audio.jws"), "--json"] + (try signing()))
        #expect(drafted.status == 0, "\(drafted.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(drafted.standardOutput.utf8)) as? [String: Any]
        let media = try #require(object?["media"] as? String)
        let alert = object?["alert"] as? [String: Any]
        let content = (alert?["payload"] as? [String: Any])?["content"] as? [String: Any]
        let sha = try #require(content?["media"] as? String)
        #expect(media == directory.file("\(sha).opus"))
        #expect(try ProcessRunner.run("opusinfo", [media]).status == 0, "opus-tools reads the imported file")
    }

    @Test("cap watch over a directory drafts each new message once and reports the others")
    func watchDirectory() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let inbox = directory.file("inbox")
        let out = directory.file("out")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try message().write(toFile: "\(inbox)/a.xml", atomically: true, encoding: .utf8)
        try message(identifier: "kttv-2", area: false).write(toFile: "\(inbox)/b.xml", atomically: true,
                                                               encoding: .utf8)
        let arguments = ["cap", "watch", inbox, "--policy", directory.file("policy.yaml"), "--inventory",
                         directory.file("sites.yaml"), "--out-dir", out, "--once"] + (try signing())
        let first = try ProcessRunner.run(CLI.path, arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.split(separator: "\n").count == 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.filter { $0.hasPrefix("a-") && $0.hasSuffix(".jws") }.count == 1)
        #expect(files.filter { $0.hasPrefix("b-") && $0.hasSuffix(".hold.json") }.count == 1)
        #expect(files.contains("cap-ledger.json") && files.contains("cap-watch-state.json"))
        let second = try ProcessRunner.run(CLI.path, arguments)
        #expect(second.status == 0 && second.standardOutput.isEmpty, "nothing new: \(second.standardOutput)")
    }

    @Test("cap watch over a feed polls with conditional requests and fetches each entry once")
    func watchFeed() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let site = directory.file("www")
        let out = directory.file("out")
        try FileManager.default.createDirectory(atPath: "\(site)/cap", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try message().write(toFile: "\(site)/cap/1.xml", atomically: true, encoding: .utf8)
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>KTTV An Giang</title>
            <entry><id>urn:kttv:1</id><link type="application/cap+xml" href="cap/1.xml"/></entry></feed>
            """.write(toFile: "\(site)/feed.atom", atomically: true, encoding: .utf8)
        let server = try StaticHTTPServer(root: site)
        defer { server.stop() }
        let arguments = ["cap", "watch", server.url("feed.atom"), "--policy", directory.file("policy.yaml"),
                         "--inventory", directory.file("sites.yaml"), "--out-dir", out, "--once", "--json"]
            + (try signing())
        let first = try ProcessRunner.run(CLI.path, arguments)
        #expect(first.status == 0, "\(first.standardError)")
        let line = try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any]
        #expect((line?["mapping"] as? [String: Any])?["disposition"] as? String == "draft")
        let second = try ProcessRunner.run(CLI.path, arguments)
        #expect(second.status == 0 && second.standardOutput.isEmpty)
        let requests = server.requests()
        #expect(requests.count == 3, "\(requests)")
        #expect(requests.first?.hasPrefix("/feed.atom - -") == true)
        #expect(requests.last?.hasPrefix("/feed.atom \"") == true, "the second poll sends If-None-Match")
        #expect(requests.last?.contains(" - ") == false, "and If-Modified-Since")
    }
}
