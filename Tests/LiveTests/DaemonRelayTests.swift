import CommuneCastTesting
import Foundation
import Testing

/// Relays through the whole stack (issue 18, stage 2): a real Icecast fed by our live source, a real `communecastd`
/// writing through ALSA's file plugin, driven by the real CLI (`communecast play --stream … --duration …`). The relay
/// is heard in the recorded output, health shows its stream, every failover is in the as-run log, an emergency cuts
/// it within the alert target, and the delay from the live source to ALSA is measured.
@Suite("Daemon: relaying a live stream through the real stack", .serialized)
struct DaemonRelayTests {
    /// A started daemon with `alert` (1.5 kHz, 1 s) stored for the emergency test.
    private func daemon() throws -> DaemonHarness {
        let daemon = try DaemonHarness()
        try daemon.start()
        let alert = daemon.directory.file("alert.wav")
        try WAVWriter.write(Signals.sine(frequency: 1_500, seconds: 1, sampleRate: 48_000, amplitude: 0.3), to: alert,
                            sampleRate: 48_000)
        let upload = try daemon.cli(["media", "upload", alert, "--name", "alert"])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        return daemon
    }

    /// `communecast play --stream … --duration …`; returns the play id.
    private func play(_ daemon: DaemonHarness, urls: [String], duration: String) throws -> String {
        let reply = try daemon.json(["play"] + urls.flatMap { ["--stream", $0] } + ["--duration", duration])
        return try #require((reply as? [String: Any])?["play_id"] as? String)
    }


    @Test("communecast play --stream relays the live mount: heard at ALSA, in health and in the as-run log")
    func relayIsHeard() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let url = rig.server.url("/live.opus")
        let id = try play(daemon, urls: [url], duration: "5s")

        var stream: [String: Any]?
        _ = try daemon.wait(timeout: 60) {
            let playing = try daemon.health()["now_playing"] as? [String: Any]
            stream = playing?["stream"] as? [String: Any]
            return stream?["state"] as? String == "playing" && (stream?["buffer_s"] as? Double ?? 0) > 0
        }
        #expect(stream?["state"] as? String == "playing", "health: \(String(describing: try? daemon.health()))")
        #expect((stream?["source"] as? String)?.hasPrefix(url) == true)
        let text = try daemon.cli(["health"]).standardOutput
        #expect(text.contains("stream      playing \(url)"), "\(text)")
        // The sender runs on the site's own clock here: any correction is small, and health says which it is.
        let ppm = try #require(stream?["rate_adjustment_ppm"] as? Int, "health: \(String(describing: stream))")
        #expect(abs(ppm) <= 2_000)
        #expect(text.contains(", rate as sent") || text.contains(" ppm"), "\(text)")

        let aired = try #require(try daemon.asRunEntry("play:\(id)", outcome: "aired"), "\(daemon.log)")
        #expect(aired["media"] as? String == "stream \(url)")
        #expect((aired["reason"] as? String)?.contains("playing \(url) (primary) (started)") == true,
                "\(String(describing: aired["reason"]))")
        let heard = try Signals.readRawS16(path: daemon.capture)
        let start = min(heard.count, 2 * 48_000)
        let middle = Array(heard[start..<min(heard.count, start + 48_000)])
        #expect(middle.count == 48_000)
        #expect(Signals.power(at: 440, in: middle, sampleRate: 48_000)
                > 100 * Signals.power(at: 1_000, in: middle, sampleRate: 48_000))
    }

    @Test("a stream closed on air: fallback within 3 s, each failover in the as-run log, the daemon still answers")
    func closedStreamIsLogged() throws {
        let relayed = try ProxiedLiveRig(seconds: 120)
        defer { relayed.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let monitor = try daemon.startMonitor()
        let id = try play(daemon, urls: [relayed.url], duration: "10s")
        try daemon.waitUntilOnAir("play:\(id)", atLeast: 1.5)
        #expect(try daemon.wait(timeout: 30) {
            let playing = try daemon.health()["now_playing"] as? [String: Any]
            return (playing?["stream"] as? [String: Any])?["state"] as? String == "playing"
        })
        let closedAt = Date()
        relayed.proxy.set(.closed)
        var fallbackAt: Date?
        _ = try daemon.wait(timeout: 30) {
            let playing = try daemon.health()["now_playing"] as? [String: Any]
            guard (playing?["stream"] as? [String: Any])?["state"] as? String == "fallback" else { return false }
            fallbackAt = Date()
            return true
        }
        let seen = try #require(fallbackAt, "health never showed the fallback: \(daemon.log)")
        // Health is polled through the CLI, which adds its own start-up to the figure.
        #expect(seen.timeIntervalSince(closedAt) <= 4.0, "fallback seen \(seen.timeIntervalSince(closedAt)) s after")
        let aired = try #require(try daemon.asRunEntry("play:\(id)", outcome: "aired"), "\(daemon.log)")
        let reason = aired["reason"] as? String ?? ""
        #expect(reason.contains("the server closed the stream"), "\(reason)")
        #expect(reason.contains("playing fallback (silence)"), "\(reason)")
        #expect(reason.contains("no alternative was playing in time"), "\(reason)")
        #expect(try daemon.cli(["health"]).status == 0)
        // Monitor streams each failover as it happens: the start on the URL, its failure, the fallback.
        let streamed = monitor.stop()
            .filter { $0["kind"] as? String == "stream" && $0["source"] as? String == "play:\(id)" }
            .compactMap { $0["reason"] as? String }
        #expect(streamed.contains { $0.contains("(primary) (started)") }, "\(streamed)")
        #expect(streamed.contains { $0.contains("the server closed the stream") }, "\(streamed)")
        #expect(streamed.contains { $0.contains("playing fallback (silence)") }, "\(streamed)")
    }

    @Test("an emergency alert cuts a relay within the alert target; the relay resumes for the time left")
    func emergencyPreemptsRelay() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let id = try play(daemon, urls: [rig.server.url("/live.opus")], duration: "8s")
        try daemon.waitUntilOnAir("play:\(id)", atLeast: 1.5)
        let pushedAt = Date()
        let push = try daemon.cli(["alert", "push", "--media", "alert", "--id", "storm-1"])
        #expect(push.status == 0, "\(push.standardError)")
        let preempted = try #require(try daemon.asRunEntry("play:\(id)", outcome: "preempted"), "\(daemon.log)")
        let ended = try #require(DaemonHarness.date(preempted["ended"]))
        // DESIGN §4: an emergency is on air within 1 s of its arrival; the relay's cut is part of that.
        #expect(ended.timeIntervalSince(pushedAt) < 1.0, "relay cut \(ended.timeIntervalSince(pushedAt)) s after")
        #expect(try daemon.asRunEntry("alert:storm-1", outcome: "aired") != nil)
        let resumed = try #require(try daemon.asRunEntry("play:\(id)", outcome: "resumed"), "\(daemon.log)")
        #expect((resumed["reason"] as? String)?.hasPrefix("resumed at") == true)
        #expect(try daemon.wait(timeout: 60) { try daemon.onAir() == nil })
    }
}
