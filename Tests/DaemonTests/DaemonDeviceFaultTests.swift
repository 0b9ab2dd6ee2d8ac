import CommuneCastTesting
import Foundation
import Testing

/// Issue 6's device fault tests against the real daemon: a device missing at start, a device failing in the middle
/// of an item, and a disk filling during an upload.
@Suite("communecastd: audio device and disk faults", .serialized)
struct DaemonDeviceFaultTests {
    static let sampleRate = 48_000.0

    /// Uploads a 440 Hz sine of `seconds` as `name`.
    static func upload(_ daemon: DaemonHarness, seconds: Double, name: String = "normal") throws {
        let file = try MediaFixtures.sine(frequency: 440, seconds: seconds, at: daemon.directory.file("\(name).opus"))
        let upload = try daemon.cli(["media", "upload", file, "--name", name])
        guard upload.status == 0 else { throw HarnessError("upload failed: \(upload.standardError)") }
    }

    static func device(_ health: [String: Any]) -> [String: Any] { health["device"] as? [String: Any] ?? [:] }

    @Test("a device missing at start: degraded with ALSA's error, an idle CPU, and playback once it appears")
    func missingAtStart() throws {
        // The profile names the PCM "speaker", which an ALSA configuration file defines once it exists, as a USB
        // adapter's card appears when it is plugged in; alsa-lib rereads its configuration files when they change.
        let daemon = try DaemonHarness(device: "speaker")
        defer { daemon.cleanUp() }
        let alsaConfiguration = daemon.directory.file("asound.conf")
        daemon.environment["ALSA_CONFIG_PATH"] = "/usr/share/alsa/alsa.conf:\(alsaConfiguration)"
        try daemon.start()
        try Self.upload(daemon, seconds: 1)
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try Self.device(daemon.health())["state"] as? String == "degraded" })
        let device = Self.device(try daemon.health())
        #expect(device["last_error"] as? String == "cannot open audio device 'speaker': No such file or directory")
        let table = try daemon.cli(["health"]).standardOutput
        #expect(table.contains("device      degraded: speaker, 0 underruns; last error: cannot open audio device "
                               + "'speaker'"), "\(table)")

        // Retrying once a second must leave the CPU idle.
        let before = try daemon.cpuSeconds()
        Thread.sleep(forTimeInterval: 3)
        let used = try daemon.cpuSeconds() - before
        #expect(used < 0.3, "the daemon used \(used) s of CPU in 3 s while the device was missing")
        #expect(try outcomes(daemon.asRun(), source: "play:").isEmpty)

        try "pcm.speaker { type file; slave.pcm null; file \"\(daemon.capture)\"; format raw }\n"
            .write(toFile: alsaConfiguration, atomically: true, encoding: .utf8)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] })
        #expect(Self.device(try daemon.health())["state"] as? String == "ok")
        let captured = try Signals.readRawS16(path: daemon.capture)
        #expect(abs(Double(captured.count) / Self.sampleRate - 1) < 0.1, "\(captured.count) frames captured")
        #expect(MediaFixtures.runs(MediaFixtures.dominantFrequencies(in: captured, candidates: [440, 1_000])
            .filter { $0 != 0 }) == [440])
    }

    @Test("a device whose writes fail mid-item: degraded with the error, then it is reopened and the item resumes",
          .enabled(if: Tmpfs.isAvailable, "needs root to mount a tmpfs that fills up"))
    func failsDuringPlayback() throws {
        let daemon = try DaemonHarness(captureDirectory: "speaker")
        // The capture device's file system holds 2 s of audio: the file plugin's writes then fail with EIO, as a
        // sound card's do when its USB adapter is pulled. Reopening truncates the file, so the device comes back.
        let speaker = try Tmpfs(at: daemon.directory.file("speaker"), bytes: 192 * 1_024)
        defer {
            daemon.stop(signal: SIGKILL)
            speaker.unmount()
            daemon.cleanUp()
        }
        try daemon.start()
        try Self.upload(daemon, seconds: 3)
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait {
            let log = try daemon.asRun()
            return outcomes(log, source: "play:").count == 2 && log.last?["ended"] != nil
        })
        let log = try daemon.asRun().filter { ($0["source"] as? String)?.hasPrefix("play:") == true }
        #expect(outcomes(log, source: "play:") == ["failed", "resumed"])
        let reason = log.first?["reason"] as? String ?? ""
        #expect(reason.contains("audio device lost") && reason.contains("Input/output error")
                && reason.contains("will resume"), "\(reason)")
        let device = Self.device(try daemon.health())
        #expect(device["state"] as? String == "ok")
        #expect((device["last_error"] as? String)?.contains("Input/output error") == true, "\(device)")
        #expect(daemon.log.contains("audio device degraded"), "\(daemon.log)")
        // After the reopen the capture holds the rest of the item, from just before the cut.
        let captured = try Signals.readRawS16(path: daemon.capture)
        let seconds = Double(captured.count) / Self.sampleRate
        #expect(seconds > 0.8 && seconds < 2.0, "\(seconds) s captured after the reopen")
        #expect(MediaFixtures.runs(MediaFixtures.dominantFrequencies(in: captured, candidates: [440, 1_000])
            .filter { $0 != 0 }) == [440])
    }

    @Test("the disk filling during an upload: a clear error, nothing partial kept, and the daemon keeps playing",
          .enabled(if: Tmpfs.isAvailable, "needs root to mount a small state file system"))
    func diskFullDuringUpload() throws {
        let daemon = try DaemonHarness()
        let state = try Tmpfs(at: daemon.directory.file("state"), bytes: 8 * 1_024 * 1_024)
        defer {
            daemon.stop(signal: SIGKILL)
            state.unmount()
            daemon.cleanUp()
        }
        try daemon.start()
        // On air through all three uploads however slow they are, so every failure happens during playback (an item
        // that ended while the disk was full could not have its end written).
        try Self.upload(daemon, seconds: 30)
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["started"] })

        let big = daemon.directory.file("big.wav")
        try WAVWriter.write(Signals.speechLike(seconds: 5, sampleRate: 48_000, peak: 0.5), to: big, sampleRate: 48_000)
        let wavBytes = try FileManager.default.attributesOfItem(atPath: big)[.size] as? Int ?? 0
        let encoded = daemon.directory.file("big.opus")
        #expect(try daemon.cli(["media", "encode", big, encoded]).status == 0)
        let opusBytes = try FileManager.default.attributesOfItem(atPath: encoded)[.size] as? Int ?? 0
        // Sent as is: first the upload itself does not fit, then it fits but its encoded result does not. Encoded
        // by the CLI (the default): the file the site would keep as sent does not fit.
        for (arguments, leaving) in [(["--as-is"], wavBytes / 2), (["--as-is"], wavBytes + 8_192), ([], opusBytes / 2)] {
            try state.fill(leaving: leaving)
            let upload = try daemon.cli(["media", "upload", big, "--name", "big"] + arguments)
            state.release()
            #expect(upload.status == 1)
            #expect(upload.standardError.contains("cannot store 'big' on the site: no space left on device"),
                    "\(upload.standardError)")
            #expect(upload.standardError.contains("KiB free"), "\(upload.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.file("state/media"))
            #expect(files.count == 1 && files.allSatisfy { !$0.hasPrefix(".") }, "left in media/: \(files)")
        }
        let names = (try daemon.json(["media", "list"]) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["normal"])
        #expect(try daemon.onAir()?.source.hasPrefix("play:") == true, "the uploads failed while the item was on air")

        // The announcement on air carried on through both failures, to its end.
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] })
        let captured = try Signals.readRawS16(path: daemon.capture)
        #expect(abs(Double(captured.count) / Self.sampleRate - 30) < 0.2, "\(captured.count) frames captured")
        #expect(MediaFixtures.runs(MediaFixtures.dominantFrequencies(in: captured, candidates: [440, 1_000])
            .filter { $0 != 0 }) == [440])
        #expect(try daemon.cli(["media", "upload", big, "--name", "big"]).status == 0)
    }
}
