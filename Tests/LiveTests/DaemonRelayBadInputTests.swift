import CommuneCastTesting
import Foundation
import Testing

/// Bad input to a relay on a real daemon (issue 18): a 404, a web page, an MP3 mount, a server that never answers,
/// and a malformed URL. Each is a clear note in the relay's as-run entry and the fallback on air (the relay still
/// ends on time: never a hung engine); the malformed URL is refused by `communecast play` at once.
@Suite("Daemon: bad stream input is an as-run note and a fallback", .serialized)
struct DaemonRelayBadInputTests {
    @Test("404, a web page, an MP3 mount and a silent server: each noted, each on fallback, each ends on time")
    func badInputs() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let directory = try TemporaryDirectory(prefix: "bad-input")
        defer { directory.remove() }
        let server = try IcecastServer(directory: directory)
        defer { server.stop() }
        let ffmpeg = try MP3Mount.start(on: server, directory: directory)
        defer { ServerProcess.end(ffmpeg) }
        // A proxy that stalls from the start: the connection opens and nothing ever comes back.
        let silent = try FaultProxy(upstreamPort: server.port)
        defer { silent.stop() }
        silent.set(.stall)

        let cases = [
            (server.url("/nothing.opus"), "the server has no such mount (HTTP 404"),
            (server.url("/status.xsl"), "not an audio stream"),
            (server.url("/radio.mp3"), "sites play Ogg Opus mounts only"),
            ("http://127.0.0.1:\(silent.port)/live.opus", "no answer from the server within"),
        ]
        var ids: [String] = []
        for (url, _) in cases {
            let reply = try daemon.json(["play", "--stream", url, "--duration", "4s"])
            ids.append(try #require((reply as? [String: Any])?["play_id"] as? String))
        }
        for ((url, expected), id) in zip(cases, ids) {
            var entry: [String: Any]?
            _ = try daemon.wait(timeout: 120) {
                entry = try daemon.asRun().last { $0["source"] as? String == "play:\(id)" && $0["ended"] != nil }
                return entry != nil
            }
            let found = try #require(entry, "no as-run end for \(url): \(daemon.log)")
            let reason = found["reason"] as? String ?? ""
            #expect(found["outcome"] as? String == "aired", "\(url): \(found)")
            #expect(reason.contains(expected), "\(url): \(reason)")
            #expect(reason.contains("playing fallback (silence)"), "\(url): \(reason)")
        }
        #expect(try daemon.wait(timeout: 30) { try daemon.onAir() == nil })
    }

    @Test("a malformed stream URL or a missing duration is refused by communecast play with the reason")
    func malformedRefused() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let ftp = try daemon.cli(["play", "--stream", "ftp://radio.example/live.opus", "--duration", "10m"])
        #expect(ftp.status != 0)
        #expect(ftp.standardError.contains("has the scheme 'ftp'"), "\(ftp.standardError)")
        let noDuration = try daemon.cli(["play", "--stream", "http://radio.example/live.opus"])
        #expect(noDuration.status == 2)
        #expect(noDuration.standardError.contains("--stream needs --duration"), "\(noDuration.standardError)")
        let both = try daemon.cli(["play", "tin", "--stream", "http://radio.example/live.opus", "--duration", "1m"])
        #expect(both.status == 2)
        #expect(try daemon.asRun().isEmpty)
    }
}
