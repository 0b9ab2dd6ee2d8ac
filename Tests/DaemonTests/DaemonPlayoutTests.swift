import CommuneCastTesting
import Foundation
import Testing

/// Outcomes of as-run entries for one source, oldest first.
func outcomes(_ log: [[String: Any]], source prefix: String) -> [String] {
    log.filter { ($0["source"] as? String)?.hasPrefix(prefix) == true }.compactMap { $0["outcome"] as? String }
}

@Suite("communecastd: playout, alerts and the as-run log through the real daemon and CLI", .serialized)
struct DaemonPlayoutTests {
    /// A daemon with two announcements uploaded: "normal" (440 Hz) and "alert" (1500 Hz).
    static func daemonWithMedia(normalSeconds: Double = 2, alertSeconds: Double = 1) throws -> DaemonHarness {
        let daemon = try DaemonHarness()
        try daemon.start()
        let normal = try MediaFixtures.sine(frequency: 440, seconds: normalSeconds, at: daemon.directory.file("n.opus"))
        let alert = try MediaFixtures.sine(frequency: 1_500, seconds: alertSeconds, at: daemon.directory.file("a.opus"))
        for (file, name) in [(normal, "normal"), (alert, "alert")] {
            let upload = try daemon.cli(["media", "upload", file, "--name", name])
            guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
        }
        return daemon
    }

    @Test("an emergency cuts into a normal play after the attention tone, and the normal item resumes")
    func emergencyPreemptsNormal() throws {
        // Long enough to be on air still when the push arrives, however slow the CLI is (4 s was not, under load).
        let daemon = try Self.daemonWithMedia(normalSeconds: 10)
        defer { daemon.cleanUp() }
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["started"] })
        // Some of the normal item must have aired before the emergency cuts in.
        try daemon.waitUntilOnAir("play:", atLeast: 0.5)
        let push = try daemon.cli(["alert", "push", "--media", "alert", "--id", "storm-1"])
        #expect(push.status == 0, "\(push.standardError)")
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:").last == "resumed" &&
            daemon.asRun().last?["ended"] != nil })
        let log = try daemon.asRun()
        #expect(outcomes(log, source: "play:") == ["preempted", "resumed"])
        #expect(outcomes(log, source: "alert:storm-1") == ["aired"])
        #expect(log.first { ($0["source"] as? String) == "alert:storm-1" }?["status"] as? String == "actual")

        let captured = try Signals.readRawS16(path: daemon.capture)
        let order = MediaFixtures.runs(MediaFixtures.dominantFrequencies(
            in: captured, candidates: [440, 853, 1_500]).filter { $0 != 0 })
        #expect(order == [440, 853, 1_500, 440])
        let alerts = try daemon.json(["alert", "list"]) as? [[String: Any]]
        #expect(alerts?.first?["state"] as? String == "done")
    }

    @Test("a priority alert waits for the current normal item to end")
    func priorityWaits() throws {
        // Long enough for the push to arrive while the normal item is on air, however slow the CLI is.
        let daemon = try Self.daemonWithMedia(normalSeconds: 6, alertSeconds: 0.5)
        defer { daemon.cleanUp() }
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["started"] })
        #expect(try daemon.cli(["alert", "push", "--media", "alert", "--level", "priority", "--id", "bulletin",
                                "--no-tone"]).status == 0)
        #expect(try daemon.onAir()?.source.hasPrefix("play:") == true, "the alert came while the normal item aired")
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:bulletin") == ["aired"] })
        let log = try daemon.asRun()
        #expect(outcomes(log, source: "play:") == ["aired"])
        let normalEnd = log.first { ($0["source"] as? String)?.hasPrefix("play:") == true }?["ended"] as? String
        let alertStart = log.first { ($0["source"] as? String) == "alert:bulletin" }?["started"] as? String
        #expect(normalEnd != nil && alertStart != nil && normalEnd! <= alertStart!, "\(log)")
    }

    @Test("an alert repeats with its interval, pushing its id again airs nothing more, and expiry is honoured")
    func repeatIdempotenceAndExpiry() throws {
        // The normal item outlasts the priority alert's 2 s expiry by far, however slow the push is.
        let daemon = try Self.daemonWithMedia(normalSeconds: 8, alertSeconds: 0.4)
        defer { daemon.cleanUp() }
        let push = ["alert", "push", "--media", "alert", "--id", "flood-7", "--repeat", "2", "--interval", "1",
                    "--no-tone"]
        #expect(try daemon.cli(push).status == 0)
        let again = try daemon.cli(push)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("already received"))
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:flood-7") == ["aired", "aired"] })
        let started = try daemon.asRun().filter { ($0["source"] as? String) == "alert:flood-7" }
            .compactMap { ($0["started"] as? String).flatMap { try? Date($0, strategy: .iso8601) } }
        #expect(started.count == 2 && started[1].timeIntervalSince(started[0]) >= 1.3)

        // A priority alert that expires while it waits behind a normal item is never aired.
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["started"] })
        #expect(try daemon.cli(["alert", "push", "--media", "alert", "--level", "priority", "--id", "short",
                                "--expires", "2s", "--no-tone"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:short") == ["expired"] })
        let list = try daemon.json(["alert", "list"]) as? [[String: Any]] ?? []
        #expect(list.first { $0["id"] as? String == "short" }?["state"] as? String == "expired")
        #expect(list.first { $0["id"] as? String == "flood-7" }?["aired"] as? Int == 2)
    }

    @Test("a cancelled alert stops, and a replay of its push is refused")
    func cancelledCannotBeRevived() throws {
        // Long enough for the cancel to arrive while the alert is on air, however slow the CLI is.
        let daemon = try Self.daemonWithMedia(alertSeconds: 10)
        defer { daemon.cleanUp() }
        let push = ["alert", "push", "--media", "alert", "--id", "typhoon-3", "--no-tone"]
        #expect(try daemon.cli(push).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:typhoon-3") == ["started"] })
        #expect(try daemon.cli(["alert", "cancel", "typhoon-3"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:typhoon-3") == ["cancelled"] })
        let replay = try daemon.cli(push)
        #expect(replay.status == 1)
        #expect(replay.standardError.contains("alert 'typhoon-3' was cancelled"), "\(replay.standardError)")
    }

    @Test("pending repeats survive a restart of the daemon")
    func repeatsSurviveRestart() throws {
        let daemon = try Self.daemonWithMedia(alertSeconds: 0.3)
        defer { daemon.cleanUp() }
        // The interval leaves a slow test ample time to see the first airing and stop the daemon before the next.
        #expect(try daemon.cli(["alert", "push", "--media", "alert", "--id", "persist", "--repeat", "3",
                                "--interval", "6", "--no-tone"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:persist") == ["aired"] })
        #expect(daemon.stop() == 0, "\(daemon.log)")
        try daemon.start()
        #expect(try daemon.wait {
            try outcomes(daemon.asRun(), source: "alert:persist") == ["aired", "aired", "aired"]
        })
        let alert = (try daemon.json(["alert", "list"]) as? [[String: Any]])?.first
        #expect(alert?["state"] as? String == "done")
    }

    @Test("monitor streams play, preemption and alert state events as they happen")
    func monitorEvents() throws {
        let daemon = try Self.daemonWithMedia(normalSeconds: 10, alertSeconds: 0.3)
        defer { daemon.cleanUp() }
        let monitor = try daemon.startMonitor()
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["started"] })
        try daemon.waitUntilOnAir("play:", atLeast: 0.8)
        #expect(try daemon.cli(["alert", "push", "--media", "alert", "--id", "watched", "--no-tone"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:").last == "resumed" &&
            daemon.asRun().last?["ended"] != nil })
        let lines = monitor.stop()
        let kinds = lines.map { "\($0["kind"] ?? "")" }
        #expect(kinds.contains("play_start"))
        #expect(kinds.contains("preempted"))
        #expect(kinds.contains("play_end"))
        let states = lines.filter { $0["kind"] as? String == "alert_state" && $0["alert_id"] as? String == "watched" }
            .compactMap { $0["alert_state"] as? String }
        #expect(states.first == "pending")
        #expect(states.contains("playing"))
        #expect(states.last == "done")
    }
}
