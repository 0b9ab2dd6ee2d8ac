import CommuneCastTesting
import Foundation
import Testing

/// Faults between a real daemon and a real Icecast (issue 18, Tests): a fault proxy throttles, jitters or stalls the
/// mount while the site relays it. A throttled stream is starved and the fallback plays within 3 s, and the relay
/// returns only after it has delivered at real-time pace for `return_after_s`; a jittered stream keeps playing; over
/// a stall the daemon's CPU stays low (nothing spins) and an emergency still preempts within the alert target.
@Suite("Daemon: relay faults through a fault proxy", .serialized)
struct DaemonRelayFaultTests {
    /// A started daemon with `return_after_s: 4` and `alert` (1 s of 1.5 kHz) stored.
    private func daemon() throws -> DaemonHarness {
        let daemon = try DaemonHarness(extraConfiguration: "streams:\n  return_after_s: 4\n")
        try daemon.start()
        let alert = daemon.directory.file("alert.wav")
        try WAVWriter.write(Signals.sine(frequency: 1_500, seconds: 1, sampleRate: 48_000, amplitude: 0.3), to: alert,
                            sampleRate: 48_000)
        let upload = try daemon.cli(["media", "upload", alert, "--name", "alert"])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        return daemon
    }

    /// Relays `url` for `duration`, waits until it plays; returns the play id.
    private func relay(_ daemon: DaemonHarness, _ url: String, duration: String) throws -> String {
        let reply = try daemon.json(["play", "--stream", url, "--duration", duration]) as? [String: Any]
        let id = try #require(reply?["play_id"] as? String)
        #expect(try waitForState(daemon, "playing") != nil, "\(daemon.log)")
        return id
    }

    /// The moment health first shows the relay's stream in `state` (and on a URL, for playing), or nil.
    private func waitForState(_ daemon: DaemonHarness, _ state: String, timeout: Double = 60) throws -> Date? {
        var seen: Date?
        _ = try daemon.wait(timeout: timeout) {
            let stream = (try daemon.health()["now_playing"] as? [String: Any])?["stream"] as? [String: Any]
            guard stream?["state"] as? String == state,
                  state != "playing" || (stream?["source"] as? String)?.hasPrefix("http") == true else { return false }
            seen = Date()
            return true
        }
        return seen
    }


    @Test("a throttled mount starves: fallback within 3 s; back on the URL only after 4 s at real-time pace")
    func throttleFallsBackAndReturns() throws {
        let relayed = try ProxiedLiveRig(seconds: 180)
        defer { relayed.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let id = try relay(daemon, relayed.url, duration: "90s")

        let throttledAt = Date()
        relayed.proxy.set(.throttle(bytesPerSecond: 1_000))
        let fallbackAt = try #require(try waitForState(daemon, "fallback"), "\(daemon.log)")
        // Health is polled through the CLI, which adds its own start-up to the figure.
        print("throttle → fallback seen after \(fallbackAt.timeIntervalSince(throttledAt)) s")
        #expect(fallbackAt.timeIntervalSince(throttledAt) <= 4.0)

        let liftedAt = Date()
        relayed.proxy.set(.pass)
        let backAt = try #require(try waitForState(daemon, "playing"), "\(daemon.log)")
        print("throttle lifted → back on the URL after \(backAt.timeIntervalSince(liftedAt)) s")
        #expect(backAt.timeIntervalSince(liftedAt) >= 4, "returned before its hysteresis")
        #expect(backAt.timeIntervalSince(liftedAt) <= 30)

        #expect(try daemon.cli(["stop"]).status == 0)
        let ended = try #require(try daemon.asRunEntry("play:\(id)", outcome: "cancelled"), "\(daemon.log)")
        let reason = ended["reason"] as? String ?? ""
        // At 1 kB/s the reader sees starvation (underruns beyond 0.6 s in 2 s) or, when the trickle pauses, a stall.
        #expect(reason.contains("starved") || reason.contains("sent nothing"), "\(reason)")
        #expect(reason.contains("playing fallback (silence)"), "\(reason)")
        #expect(reason.contains("back after"), "\(reason)")
    }

    @Test("a jittered mount (each read held 0–0.2 s) keeps playing: no starvation, no fallback")
    func jitterKeepsPlaying() throws {
        let relayed = try ProxiedLiveRig(seconds: 120)
        defer { relayed.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let id = try relay(daemon, relayed.url, duration: "12s")
        relayed.proxy.set(.jitter(maxDelay: 0.2))
        let aired = try #require(try daemon.asRunEntry("play:\(id)", outcome: "aired"), "\(daemon.log)")
        let reason = aired["reason"] as? String ?? ""
        #expect(!reason.contains("starved") && !reason.contains("fallback"), "\(reason)")
    }

    @Test("over a stall the daemon's CPU stays low, the fallback plays within 3 s, an emergency preempts within 1 s")
    func stallIsQuietAndPreemptible() throws {
        let relayed = try ProxiedLiveRig(seconds: 180)
        defer { relayed.stop() }
        let daemon = try daemon()
        defer { daemon.cleanUp() }
        let id = try relay(daemon, relayed.url, duration: "90s")
        let playingCPU = try daemon.cpuSeconds()
        let stalledAt = Date()
        relayed.proxy.set(.stall)
        let fallbackAt = try #require(try waitForState(daemon, "fallback"), "\(daemon.log)")
        #expect(fallbackAt.timeIntervalSince(stalledAt) <= 4.0, "fallback \(fallbackAt.timeIntervalSince(stalledAt)) s")

        let pushedAt = Date()
        let push = try daemon.cli(["alert", "push", "--media", "alert", "--id", "storm-2"])
        #expect(push.status == 0, "\(push.standardError)")
        let preempted = try #require(try daemon.asRunEntry("play:\(id)", outcome: "preempted"), "\(daemon.log)")
        let cutAt = try #require(DaemonHarness.date(preempted["ended"]))
        #expect(cutAt.timeIntervalSince(pushedAt) < 1.0, "relay cut \(cutAt.timeIntervalSince(pushedAt)) s after")
        #expect(try daemon.asRunEntry("alert:storm-2", outcome: "aired") != nil)
        // Still stalled: the resumed relay connects, stalls again and falls back again.
        #expect(try daemon.asRunEntry("play:\(id)", outcome: "resumed") != nil)
        #expect(try waitForState(daemon, "fallback") != nil, "\(daemon.log)")
        let stallCPU = try daemon.cpuSeconds() - playingCPU
        let span = Date().timeIntervalSince(stalledAt)
        print("daemon CPU over a \(span) s stall: \(stallCPU) s (\(100 * stallCPU / span) % of a core)")
        // A spinning thread would take a whole core; the audio thread writing silence takes a few per cent.
        #expect(stallCPU / span < 0.35, "\(stallCPU) s of CPU in \(span) s")
        #expect(try daemon.cli(["stop"]).status == 0)
    }
}
