import CommuneCastTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `streams:` in `communecastd.yaml` is taken on a reload (SIGHUP) by the next stream alert and the next relay, and a
/// bad `streams:` section is refused with the previous settings kept (issue 18 stage 5). The stream is a port nothing
/// listens on, so every airing goes to the fallback within the switch deadline and its as-run reason names which.
@Suite("Daemon: a reload's streams settings reach stream alerts and relays", .serialized)
struct DaemonStreamReloadTests {
    /// A URL that refuses every connection: the fallback plays.
    private let deadURL = "http://127.0.0.1:9/gone.opus"

    /// Replaces the configuration with the harness's own and `streams` as its `streams:` section.
    private func configure(_ daemon: DaemonHarness, streams: String) throws {
        try """
            site:
              name: test-site
              commune_code: "00001"
            audio:
              device_retry_s: 1
            streams:
            \(streams)
            """.write(toFile: daemon.directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
    }

    /// Sends SIGHUP and returns the reload's `READY=1` message (its STATUS says whether it was rejected).
    private func reload(_ daemon: DaemonHarness, _ notify: NotifyListener) throws -> NotifyListener.Message {
        let before = notify.messages.count
        daemon.send(SIGHUP)
        return try #require(notify.wait(after: before) { $0.value("READY") == "1" }, "no READY: \(daemon.log)")
    }

    /// Pushes an exercise stream alert `id` of 4 s and returns the reason of its as-run entry once it has aired.
    private func streamAlertReason(_ daemon: DaemonHarness, id: String) throws -> String {
        let push = try daemon.cli(["alert", "push", "--stream", deadURL, "--duration", "4s", "--status", "exercise",
                                   "--id", id])
        #expect(push.status == 0, "\(push.standardError)")
        let aired = try #require(try daemon.asRunEntry("alert:\(id)", outcome: "aired"), "\(daemon.log)")
        return aired["reason"] as? String ?? ""
    }

    @Test("SIGHUP gives the next stream alert and relay the new fallback; a bad streams section keeps the old")
    func reloadReachesStreams() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        try daemon.startUnderSystemd(notify: notify)
        let file = daemon.directory.file("filler.wav")
        try WAVWriter.write(Signals.sine(frequency: 700, seconds: 10, sampleRate: 48_000, amplitude: 0.3), to: file,
                            sampleRate: 48_000)
        let upload = try daemon.json(["media", "upload", file, "--name", "filler"]) as? [String: Any]
        let sha = try #require((upload?["media"] as? [String: Any])?["sha256"] as? String
                               ?? upload?["sha256"] as? String, "\(String(describing: upload))")

        let before = try streamAlertReason(daemon, id: "before")
        #expect(before.contains("playing fallback (silence)"), "\(before)")

        try configure(daemon, streams: "  fallback: filler\n  return_after_s: 5")
        let applied = try reload(daemon, notify)
        #expect(applied.value("STATUS")?.contains("rejected") != true, "\(applied.text)")
        #expect(daemon.log.contains("applied=streams"), "\(daemon.log)")
        let after = try streamAlertReason(daemon, id: "after")
        #expect(after.contains("playing fallback (") && after.contains(sha), "\(after)")
        #expect(!after.contains("fallback (silence)"), "\(after)")
        let relay = try daemon.json(["play", "--stream", deadURL, "--duration", "4s"]) as? [String: Any]
        let relayID = try #require(relay?["play_id"] as? String)
        let relayed = try #require(try daemon.asRunEntry("play:\(relayID)", outcome: "aired"), "\(daemon.log)")
        #expect((relayed["reason"] as? String)?.contains(sha) == true, "\(String(describing: relayed["reason"]))")

        // Out of range, then a fallback that is not stored: each refused with the file and key, the filler kept.
        for (streams, problem) in [("  jitter_target_s: 9", "streams.jitter_target_s"),
                                   ("  fallback: nowhere", "streams.fallback: 'nowhere' is not stored media")] {
            try configure(daemon, streams: streams)
            let rejected = try reload(daemon, notify)
            #expect(rejected.value("STATUS")?.contains("configuration reload rejected, previous one in force") == true,
                    "\(rejected.text)")
            #expect(daemon.log.contains(problem), "\(daemon.log)")
            #expect(daemon.log.contains("communecastd.yaml"), "\(daemon.log)")
        }
        let kept = try streamAlertReason(daemon, id: "kept")
        #expect(kept.contains(sha) && !kept.contains("fallback (silence)"), "\(kept)")
    }
}
