import CommuneCastTesting
import Foundation
import Testing

/// `communecast live --level emergency` (issue 18 §2) through the real binary, a real Icecast and real daemons: once
/// the mount is on air the site relays it as an emergency alert that preempts what plays; an exercise is pushed
/// unsigned and ended with the broadcast, an actual one is the signed alert approved by a second person, and
/// without it the command refuses to start.
@Suite("communecast live --level emergency", .serialized)
struct DaemonLiveEmergencyTests {
    /// An Icecast server, its source password file and a `seconds`-long 440 Hz programme in `directory`.
    private static func source(in directory: TemporaryDirectory, seconds: Double) throws
        -> (server: IcecastServer, arguments: [String]) {
        let server = try IcecastServer(directory: directory)
        try "\(server.sourcePassword)\n".write(toFile: directory.file("password"), atomically: true, encoding: .utf8)
        let tone = Signals.sine(frequency: 440, seconds: seconds, sampleRate: 48_000, amplitude: 0.3)
        try WAVWriter.write(tone, to: directory.file("khan.wav"), sampleRate: 48_000)
        return (server, ["live", "--mount", server.url("/khan.opus"), "--from", directory.file("khan.wav"),
                         "--password-file", directory.file("password"), "--level", "emergency"])
    }

    private static func entry(_ daemon: DaemonHarness, _ source: String, _ outcome: String) throws -> [String: Any]? {
        var found: [String: Any]?
        _ = try daemon.wait(timeout: 60) {
            found = try daemon.asRun().last { $0["source"] as? String == source && $0["outcome"] as? String == outcome }
            return found != nil
        }
        return found
    }

    @Test("an exercise preempts the announcement on air, relays the mount and ends with the broadcast")
    func exercise() throws {
        let directory = try TemporaryDirectory(prefix: "live-emergency")
        let (server, live) = try Self.source(in: directory, seconds: 6)
        defer { server.stop() }
        let daemon = try DaemonHarness()
        try daemon.start()
        defer { daemon.cleanUp() }
        let wav = daemon.directory.file("announcement.wav")
        try WAVWriter.write(Signals.sine(frequency: 1_000, seconds: 40, sampleRate: 48_000, amplitude: 0.3), to: wav,
                            sampleRate: 48_000)
        #expect(try daemon.cli(["media", "upload", wav, "--name", "announcement"]).status == 0)
        let play = try daemon.json(["play", "announcement"]) as? [String: Any]
        let playID = try #require(play?["play_id"] as? String)
        try daemon.waitUntilOnAir("play:\(playID)", atLeast: 1)

        let refused = try daemon.cli(live)
        #expect(refused.status == 2 && refused.standardError.contains("--signed"), "\(refused.standardError)")
        let sent = try daemon.cli(live + ["--status", "exercise", "--duration", "60s", "--id", "khan-tap"])
        #expect(sent.status == 0, "\(sent.standardError)")
        #expect(sent.standardError.contains("the site relays \(server.url("/khan.opus"))"), "\(sent.standardError)")
        #expect(try Self.entry(daemon, "play:\(playID)", "preempted") != nil, "\(daemon.log)")
        let alert = try #require(try Self.entry(daemon, "alert:khan-tap", "cancelled"), "\(daemon.log)")
        #expect(alert["media"] as? String == "stream \(server.url("/khan.opus"))")
        #expect(alert["status"] as? String == "exercise")
        #expect((alert["reason"] as? String)?.contains("(primary) (started)") == true, "\(alert)")
        #expect(try Self.entry(daemon, "play:\(playID)", "resumed") != nil, "the announcement comes back")
    }

    @Test("an actual emergency goes with the signed, approved alert naming the mount, and airs it")
    func actualSigned() throws {
        let fixture = try SignedAlertSite()
        defer { fixture.cleanUp() }
        let site = fixture.site
        let directory = try TemporaryDirectory(prefix: "live-emergency")
        let (server, live) = try Self.source(in: directory, seconds: 8)
        defer { server.stop() }
        let mount = server.url("/khan.opus")
        let file = site.daemon.directory.file("khan.jws")
        let draft = try site.daemon.cli(["alert", "draft", "--id", "khan-that", "--stream", mount, "--duration", "4s",
                                         "--site", "test-site", "--out", file] + fixture.signing("so-tt-an-giang"))
        #expect(draft.status == 0, "\(draft.standardError)")
        let unapproved = try site.cli(live + ["--signed", file], as: "so-tt-an-giang")
        #expect(unapproved.status == 1 && unapproved.standardError.contains("alert approve"),
                "\(unapproved.standardError)")
        #expect(!server.hasSource("/khan.opus"))

        let shown = try site.daemon.json(["alert", "show", file]) as? [String: Any]
        let fingerprint = try #require(shown?["fingerprint"] as? String)
        #expect(try site.daemon.cli(["alert", "approve", file, "--confirm", fingerprint]
                                    + fixture.signing("pho-giam-doc")).status == 0)
        let sent = try site.cli(live + ["--signed", file], as: "so-tt-an-giang")
        #expect(sent.status == 0, "\(sent.standardError)\n\(site.daemon.log)")
        let aired = try #require(try Self.entry(site.daemon, "alert:khan-that", "aired"), "\(site.daemon.log)")
        #expect(aired["media"] as? String == "stream \(mount)")
        #expect((aired["reason"] as? String)?.contains("playing \(mount) (primary) (started)") == true, "\(aired)")
        #expect((aired["signed_by"] as? String)?.contains("approved by pho-giam-doc") == true)
    }
}
