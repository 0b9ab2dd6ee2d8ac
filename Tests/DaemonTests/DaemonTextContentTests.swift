import CommuneCastTesting
import Foundation
import Testing

/// Text as content (issue 16) through the real daemon, CLI and ALSA file plugin: a text programme and a text alert
/// are spoken by the site when they arrive and air like stored media, and the as-run log carries the text's hash.
@Suite("communecastd: text programmes and text alerts spoken by the site", .serialized)
struct DaemonTextContentTests {
    static let bulletin = "UBND xã thông báo: 14h30 ngày 15/9 họp tại nhà văn hóa thôn 2. Đề nghị bà con đến đúng giờ."

    /// The SHA-256 (hex) of `text` as UTF-8, computed by sha256sum, not by our code.
    static func sha256(_ text: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("words.txt")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let output = try ProcessRunner.run("sha256sum", [path])
        return String(output.standardOutput.prefix(64))
    }

    /// The captured audio from `start` seconds on, as a WAV file for ffmpeg's meter.
    static func captured(_ daemon: DaemonHarness, from start: Double = 0) throws -> (samples: [Float], wav: String) {
        let samples = Array(try Signals.readRawS16(path: daemon.capture).dropFirst(Int(start * 48_000)))
        let wav = daemon.directory.file("captured.wav")
        try WAVWriter.write(samples, to: wav, sampleRate: 48_000)
        return (samples, wav)
    }

    @Test("a text programme is spoken when added, airs on its second, and the capture is speech at -16 LUFS")
    func textProgrammeAirs() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let due = ScheduleSupport.instant(in: 12)
        let yaml = """
            programmes:
              - id: thong-bao
                text: "\(Self.bulletin)"
                voice: vi-vn-x-south
                rate: 140
                days: [mon, tue, wed, thu, fri, sat, sun]
                at: ["\(ScheduleSupport.clock(due))"]
            """
        let file = daemon.directory.file("thong-bao.yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try daemon.cli(["schedule", "check", file])
        #expect(check.status == 0, "\(check.standardError)")
        #expect(check.standardOutput.contains("1 spoken from text"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("thong-bao: text \"UBND xã thông báo: 14h30"), "\(check.standardOutput)")

        let add = try daemon.cli(["schedule", "add", file])
        #expect(add.status == 0, "\(add.standardError)")
        try ScheduleSupport.requireAhead(of: due)
        let media = try daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        let spoken = try #require(media.first { ($0["name"] as? String)?.hasPrefix("speech-") == true })
        #expect(((spoken["duration_s"] as? Double) ?? 0) > 3)
        let show = try daemon.cli(["schedule", "show", "thong-bao"])
        #expect(show.standardOutput.contains("text: \"UBND xã thông báo:"), "\(show.standardOutput)")

        #expect(try daemon.wait(timeout: 120) {
            try ScheduleSupport.entries(daemon.asRun(), programme: "thong-bao").first?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        let entry = try #require(ScheduleSupport.entries(daemon.asRun(), programme: "thong-bao").first)
        #expect(ScheduleSupport.date(entry["planned"]) == due)
        let started = try #require(ScheduleSupport.date(entry["started"]))
        #expect(started.timeIntervalSince(due) >= 0 && started.timeIntervalSince(due) < 0.25,
                "started \(started.timeIntervalSince(due)) s after its second")
        #expect(entry["media"] as? String == spoken["name"] as? String)
        #expect(entry["text_sha256"] as? String == (try Self.sha256(Self.bulletin, in: daemon.directory)))

        let (samples, wav) = try Self.captured(daemon)
        #expect(abs(Double(samples.count) / 48_000 - ((spoken["duration_s"] as? Double) ?? 0)) < 0.5)
        let loudness = try AudioMeasure.loudness(wav)
        #expect(abs(loudness.lufs + 16) <= 1.5, "captured speech measured \(loudness.lufs) LUFS")
        // Speech, not a tone: energy spread over many windows and pauses between words.
        let heard = MediaFixtures.dominantFrequencies(in: samples, candidates: [200, 500, 1_000, 2_000])
        #expect(heard.filter { $0 != 0 }.count > heard.count / 2)
        #expect(Set(heard.filter { $0 != 0 }).count >= 2, "heard \(MediaFixtures.runs(heard))")
    }

    @Test("a text alert is spoken before the push is acknowledged and airs after the attention signal")
    func textAlertAirsAfterTone() throws {
        let daemon = try DaemonHarness(attentionTone: 0.5)
        defer { daemon.cleanUp() }
        try daemon.start()
        let words = "Bão số 9 giật cấp 14. Đề nghị bà con không ra khơi."
        let push = try daemon.cli(["alert", "push", "--text", words, "--id", "bao-9"])
        #expect(push.status == 0, "\(push.standardError)")
        #expect(try daemon.wait(timeout: 120) {
            try daemon.asRun().first { $0["source"] as? String == "alert:bao-9" }?["outcome"] as? String == "aired"
        }, "\(daemon.log)")
        let entry = try #require(try daemon.asRun().first { $0["source"] as? String == "alert:bao-9" })
        #expect(entry["text_sha256"] as? String == (try Self.sha256(words, in: daemon.directory)))

        let all = try Signals.readRawS16(path: daemon.capture)
        let windows = MediaFixtures.dominantFrequencies(in: all, candidates: [853, 960, 300, 600, 1_500])
        let order = MediaFixtures.runs(windows.filter { $0 != 0 })
        #expect([853.0, 960].contains(order.first ?? 0), "heard \(order)")
        let toneWindows = windows.prefix { $0 == 853 || $0 == 960 }.count
        #expect(toneWindows >= 3, "the attention signal lasted \(toneWindows) windows")
        let (speech, wav) = try Self.captured(daemon, from: 0.6)
        #expect(speech.count > 48_000)
        let loudness = try AudioMeasure.loudness(wav)
        #expect(abs(loudness.lufs + 16) <= 1.5, "the spoken alert measured \(loudness.lufs) LUFS")
    }

    @Test("words the site cannot speak are refused in a sentence; a schedule must say media or text, not both")
    func refusals() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let cyrillic = try daemon.cli(["alert", "push", "--text", "Внимание всем", "--id", "ru"])
        #expect(cyrillic.status == 1)
        #expect(cyrillic.standardError.contains("not Latin script"), "\(cyrillic.standardError)")
        let voice = try daemon.cli(["alert", "push", "--text", "Thông báo", "--voice", "vi-xx", "--id", "v"])
        #expect(voice.status == 1)
        #expect(voice.standardError.contains("'vi-xx' is not installed"), "\(voice.standardError)")
        let alerts = try daemon.json(["alert", "list"]) as? [[String: Any]] ?? []
        #expect(alerts.isEmpty)

        let both = daemon.directory.file("both.yaml")
        try """
            programmes:
              - {id: a, media: x, text: "Thông báo", days: [mon], at: ["05:30"]}
              - {id: b, voice: vi, media: y, days: [mon], at: ["05:30"]}
            """.write(toFile: both, atomically: true, encoding: .utf8)
        let check = try daemon.cli(["schedule", "check", both])
        #expect(check.status == 1)
        #expect(check.standardError.contains("\(both):3"), "\(check.standardError)")
        #expect(check.standardError.contains("give either media or text, not both"), "\(check.standardError)")
        #expect(check.standardError.contains("only a text programme has a voice"), "\(check.standardError)")

        let unspeakable = daemon.directory.file("xa.yaml")
        try """
            programmes:
              - {id: c, text: "Thông báo", voice: vi-xx, days: [mon], at: ["05:30"]}
            """.write(toFile: unspeakable, atomically: true, encoding: .utf8)
        let add = try daemon.cli(["schedule", "add", unspeakable])
        #expect(add.status == 1)
        #expect(add.standardError.contains("programme 'c': text: the voice 'vi-xx' is not installed"),
                "\(add.standardError)")
    }
}
