@testable import CAPIntake
import CommuneCastTesting
import ControlProtocol
import Foundation
import Testing

/// The policy file (docs/cap.md) and the feeds `cap watch` reads.
@Suite("CAP intake: policy file and feeds")
struct CAPPolicyAndFeedTests {
    @Test("a full policy reads as written; pinned files are relative to it, several per sender for a rotation")
    func fullPolicy() throws {
        let directory = try TemporaryDirectory(prefix: "cap-policy")
        defer { directory.remove() }
        _ = try CAPSamples.pinKeys(in: directory)
        let combined = try String(contentsOfFile: directory.file("naad-dss1.pem"), encoding: .utf8)
            + String(contentsOfFile: directory.file("ec-meteo.pem"), encoding: .utf8)
        try combined.write(toFile: directory.file("canada-both.pem"), atomically: true, encoding: .utf8)
        let policy = try CAPFixtures.policy("""
            max_bytes: 1048576
            senders:
              - sender: "cap-pac@ec.gc.ca"
                signature: required
                certificates: [canada-both.pem, ipaws.pem]
              - {sender: PAGASA-DOST, public_keys: [pagasa.pub.pem]}
            other_senders: unsigned
            default_expiry: 3h
            fallback_language: en-US
            risk_level: {parameter: "VN:CapDoRuiRo", levels: {1: normal, 2: normal, 3: priority}}
            normal: priority
            geocodes: ["VN:MaXa"]
            test_audience: {sites: [bench-1]}
            audio: {mime_types: [audio/wav], max_bytes: 2048, hosts: [KTTV.example], require_digest: false}
            airing:
              emergency: {repeat: 5, interval_s: 300, tone: true}
              priority: {repeat: 2, interval_s: 60}
            auto_send: {levels: [priority], statuses: [exercise, test], cancels: true}
            """, in: directory)
        #expect(policy.maximumBytes == 1_048_576 && policy.defaultLifetime == 3 * 3_600)
        #expect(policy.senders["cap-pac@ec.gc.ca"]?.keys.count == 3, "two certificates in one file, one in another")
        #expect(policy.senders["PAGASA-DOST"]?.keys.first?.kind == .publicKey)
        #expect(policy.trust(for: "anyone")?.signatureRequired == false)
        #expect(policy.riskLevels[2] == .normal && policy.riskLevels[5] == .emergency)
        #expect(policy.normalLevel == .priority && policy.geocodeNames == ["VN:MaXa"])
        #expect(policy.testAudience.sites == ["bench-1"])
        #expect(policy.audio.hosts == ["kttv.example"] && policy.audio.maximumBytes == 2_048)
        #expect(policy.airing[.priority] == CAPPolicy.Airing(repeatCount: 2, intervalSeconds: 60, tone: false))
        #expect(policy.autoSend.cancels && policy.autoSend.statuses == [.exercise, .test])
    }

    @Test("policy mistakes name the file, the line and the key; a private key is never pinned")
    func policyMistakes() throws {
        let directory = try TemporaryDirectory(prefix: "cap-policy-bad")
        defer { directory.remove() }
        #expect {
            try CAPFixtures.policy("""
                senders:
                  - {sender: AtHoc, signature: sometimes, certificates: [x.pem]}
                normal: loud
                colour: red
                """, in: directory)
        } throws: { error in
            let text = "\(error)"
            return text.contains("policy.yaml:2: senders[0].signature") && text.contains("policy.yaml:3: normal")
                && text.contains("colour: unknown key")
        }
        #expect {
            try CAPFixtures.policy("senders: [{sender: AtHoc}]", in: directory)
        } throws: { "\($0)".contains("certificates: missing for 'AtHoc'") }
        try ProcessRunner.checked("openssl", ["genrsa", "-out", directory.file("private.pem"), "2048"])
        #expect {
            try CAPFixtures.policy("senders: [{sender: AtHoc, certificates: [private.pem]}]", in: directory)
        } throws: { "\($0)".contains("never a private key") }
    }

    @Test("Atom and RSS feeds give each entry's CAP link, relative links resolved")
    func feeds() throws {
        let atom = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>KTTV</title>
            <entry><id>urn:kttv:1</id><link rel="alternate" type="text/html" href="/page/1"/>\
            <link rel="related" type="application/cap+xml" href="/cap/1.xml"/></entry>
            <entry><id>urn:kttv:2</id><link href="https://other.example/cap/2.xml"/></entry>
            </feed>
            """
        let feed = try CAPFeed(bytes: Array(atom.utf8), baseURL: "http://127.0.0.1:8080/feed.atom",
                               maximumBytes: 65_536)
        #expect(feed.entries == [CAPFeed.Entry(id: "urn:kttv:1", url: "http://127.0.0.1:8080/cap/1.xml"),
                                 CAPFeed.Entry(id: "urn:kttv:2", url: "https://other.example/cap/2.xml")])
        let rss = """
            <rss version="2.0"><channel><title>PAGASA</title>
            <item><guid>g-1</guid><link>cap/1.cap</link></item>
            <item><link>javascript:alert(1)</link></item>
            </channel></rss>
            """
        let items = try CAPFeed(bytes: Array(rss.utf8), baseURL: "https://pagasa.example/feeds/", maximumBytes: 65_536)
        #expect(items.entries == [CAPFeed.Entry(id: "g-1", url: "https://pagasa.example/feeds/cap/1.cap")])
        #expect(throws: CAPRefusal.self) {
            try CAPFeed(bytes: Array("<!DOCTYPE feed SYSTEM \"x\"><feed/>".utf8), baseURL: "http://x/",
                        maximumBytes: 65_536)
        }
    }
}
