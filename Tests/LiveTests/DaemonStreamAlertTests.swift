import CommuneCastTesting
import Foundation
import Testing

/// Alerts that name a stream (issue 18 §2, stage 3) through the whole stack: a real Icecast fed by our live source, a
/// real `communecastd` writing through ALSA's file plugin, driven by `communecast alert push --stream`. An emergency
/// stream alert cuts a playing announcement and a playing relay within the alert target, opens with the attention
/// tone, relays the mount for its duration and is in the as-run log; an actual one pushed unsigned is refused.
@Suite("Daemon: alerts that relay a live stream", .serialized)
struct DaemonStreamAlertTests {
    /// A started daemon holding `announcement`: 30 s of 1 kHz.
    private func daemon() throws -> DaemonHarness {
        let daemon = try DaemonHarness()
        try daemon.start()
        let file = daemon.directory.file("announcement.wav")
        try WAVWriter.write(Signals.sine(frequency: 1_000, seconds: 30, sampleRate: 48_000, amplitude: 0.3), to: file,
                            sampleRate: 48_000)
        let upload = try daemon.cli(["media", "upload", file, "--name", "announcement"])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        return daemon
    }


    /// Pushes an emergency exercise relaying `url` for `duration`; returns the pushed alert and when it was sent.
    private func pushStream(_ daemon: DaemonHarness, id: String, url: String, duration: String) throws
        -> (alert: [String: Any], at: Date) {
        let at = Date()
        let push = try daemon.cli(["alert", "push", "--stream", url, "--duration", duration, "--status", "exercise",
                                   "--id", id, "--json"])
        #expect(push.status == 0, "\(push.standardError)")
        let reply = try JSONSerialization.jsonObject(with: Data(push.standardOutput.utf8)) as? [String: Any]
        return (try #require(reply?["alert"] as? [String: Any], "\(push.standardOutput)"), at)
    }

    @Test("an emergency stream alert preempts a playing announcement, then a relay, within the alert target")
    func streamAlertPreempts() throws {
        let rig = try LiveRig(seconds: 180)
        defer { rig.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let url = rig.server.url("/live.opus")

        let play = try daemon.json(["play", "announcement"]) as? [String: Any]
        let playID = try #require(play?["play_id"] as? String)
        try daemon.waitUntilOnAir("play:\(playID)", atLeast: 1)
        let (first, pushedAt) = try pushStream(daemon, id: "live-1", url: url, duration: "4s")
        #expect(first["stream"] as? [String] == [url])
        #expect(first["duration_s"] as? Int == 4)
        #expect(first["tone"] as? Bool == true, "a stream alert opens with the attention tone")
        let cut = try #require(try daemon.asRunEntry("play:\(playID)", outcome: "preempted"), "\(daemon.log)")
        let cutAt = try #require(DaemonHarness.date(cut["ended"]))
        // DESIGN §4: an emergency is on air within 1 s of its arrival.
        #expect(cutAt.timeIntervalSince(pushedAt) < 1.0, "announcement cut \(cutAt.timeIntervalSince(pushedAt)) s after")
        let aired = try #require(try daemon.asRunEntry("alert:live-1", outcome: "aired"), "\(daemon.log)")
        #expect(aired["media"] as? String == "stream \(url)")
        #expect(aired["status"] as? String == "exercise")
        #expect((aired["reason"] as? String)?.contains("playing \(url) (primary) (started)") == true,
                "\(String(describing: aired["reason"]))")
        let started = try #require(DaemonHarness.date(aired["started"]))
        let ended = try #require(DaemonHarness.date(aired["ended"]))
        // The attention tone, then the stream's 4 s.
        #expect(ended.timeIntervalSince(started) > 4, "aired \(ended.timeIntervalSince(started)) s")

        let relay = try daemon.json(["play", "--stream", url, "--duration", "60s"]) as? [String: Any]
        let relayID = try #require(relay?["play_id"] as? String)
        try daemon.waitUntilOnAir("play:\(relayID)", atLeast: 1.5)
        let (_, secondAt) = try pushStream(daemon, id: "live-2", url: url, duration: "2s")
        let relayCut = try #require(try daemon.asRunEntry("play:\(relayID)", outcome: "preempted"), "\(daemon.log)")
        let relayCutAt = try #require(DaemonHarness.date(relayCut["ended"]))
        #expect(relayCutAt.timeIntervalSince(secondAt) < 1.0, "relay cut \(relayCutAt.timeIntervalSince(secondAt)) s")
        #expect(try daemon.asRunEntry("alert:live-2", outcome: "aired") != nil, "\(daemon.log)")

        // The live source's 440 Hz was heard while live-1 was on air, not the announcement's 1 kHz.
        let heard = try Signals.readRawS16(path: daemon.capture)
        let onAir = try #require(try daemon.asRun().first { $0["source"] as? String == "play:\(playID)" })
        let playStarted = try #require(DaemonHarness.date(onAir["started"]))
        let offset = Int((ended.timeIntervalSince(playStarted) - 1.5) * 48_000)
        try #require(offset > 48_000 && offset < heard.count, "offset \(offset) of \(heard.count)")
        let window = Array(heard[(offset - 48_000)..<offset])
        #expect(Signals.power(at: 440, in: window, sampleRate: 48_000)
                > 10 * Signals.power(at: 1_000, in: window, sampleRate: 48_000))
    }

    @Test("an actual emergency stream pushed unsigned is refused: a live emergency broadcast needs two signatures")
    func actualNeedsSignatures() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        defer { daemon.cleanUp() }
        let refused = try daemon.cli(["alert", "push", "--stream", "http://127.0.0.1:9/khan.opus", "--duration", "5s",
                                      "--id", "khan-1"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("two-person approval"), "\(refused.standardError)")
        #expect(try daemon.databaseRows("SELECT id FROM alert").isEmpty)
        let noDuration = try daemon.cli(["alert", "push", "--stream", "http://127.0.0.1:9/khan.opus"])
        #expect(noDuration.status == 2 && noDuration.standardError.contains("--duration"))
        let badURL = try daemon.cli(["alert", "push", "--stream", "ftp://x/y", "--duration", "5s"])
        #expect(badURL.status == 2 && badURL.standardError.contains("ftp://x/y"), "\(badURL.standardError)")
        let priority = try daemon.cli(["alert", "push", "--stream", "http://127.0.0.1:9/khan.opus", "--duration", "2s",
                                       "--level", "priority", "--id", "lu-1"])
        #expect(priority.status == 0, "a priority stream needs no signatures: \(priority.standardError)")
        let listed = try daemon.cli(["alert", "list"]).standardOutput
        #expect(listed.contains("stream http://127.0.0.1:9/khan.opus"), "\(listed)")
    }

    @Test("a stream alert without the attention tone is refused by the CLI and the site, and nothing is stored")
    func noToneRefused() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        defer { daemon.cleanUp() }
        let stream = ["--stream", "http://127.0.0.1:9/khan.opus", "--duration", "5s", "--no-tone"]
        let push = try daemon.cli(["alert", "push", "--status", "exercise", "--id", "im-lang"] + stream)
        #expect(push.status == 2, "\(push.standardError)")
        #expect(push.standardError.contains("a stream alert opens with the attention tone; drop --no-tone"),
                "\(push.standardError)")
        let out = daemon.directory.file("im-lang.jws")
        // Refused before the signing files are read (these do not exist).
        let signing = ["--cert", daemon.directory.file("none.pem"), "--key", daemon.directory.file("none.key"),
                       "--ca", daemon.directory.file("none-ca.pem")]
        let draft = try daemon.cli(["alert", "draft", "--id", "im-lang", "--out", out] + signing + stream)
        #expect(draft.status == 2, "\(draft.standardError)")
        #expect(draft.standardError.contains("drop --no-tone"), "\(draft.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // A client other than the CLI, through varlink: the site refuses it with the parameter named.
        let socket = try RawUnixSocket(path: daemon.socket)
        #expect(socket.sendMessage(#"{"method":"io.communecast.Site.PushAlert","parameters":{"id":"im-lang","#
                                   + #""status":"exercise","stream":["http://127.0.0.1:9/khan.opus"],"#
                                   + #""duration_s":5,"tone":false}}"#))
        let reply = try #require(socket.receiveMessage())
        #expect(reply.contains("io.communecast.Site.InvalidArgument"), "\(reply)")
        #expect(reply.contains("opens with the attention tone"), "\(reply)")
        #expect(try daemon.databaseRows("SELECT id FROM alert").isEmpty)
    }
}
