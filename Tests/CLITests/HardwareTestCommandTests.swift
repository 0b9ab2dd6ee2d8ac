import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("communecast hw test")
struct HardwareTestCommandTests {
    /// A profile writing a WAV through ALSA's file plugin as fast as it can, with `amplifier` lines.
    static func profile(in directory: TemporaryDirectory, capture: String, amplifier: [String] = ["type: none"],
                        mixer: [String] = ["volume_db: -6"]) throws -> String {
        let file = directory.file("profile.yaml")
        try """
            name: bench-test
            description: file plugin on the bench
            pcm:
              device: "file:FILE=\(capture),FORMAT=wav"
              channels: 1
              pace: never
            mixer:
            \(mixer.map { "  \($0)" }.joined(separator: "\n"))
            amplifier:
            \(amplifier.map { "  \($0)" }.joined(separator: "\n"))
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Names the strongest of `candidates` in each 0.1 s window of mono 48 kHz `samples`, collapsed into runs.
    static func melody(_ samples: [Float], candidates: [Double]) -> [Double] {
        MediaFixtures.runs(MediaFixtures.dominantFrequencies(in: samples, candidates: candidates).filter { $0 != 0 })
    }

    @Test("plays the chime and the spoken test at the profile's volume, switching the relay around them")
    func playsThroughProfile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("air.wav")
        let relay = directory.file("relay.log")
        let profile = try Self.profile(in: directory, capture: capture, amplifier: [
            "type: command", "warmup_ms: 300",
            "on_command: [/bin/sh, -c, 'echo on >> \"$0\"', \(relay)]",
            "off_command: [/bin/sh, -c, 'echo off >> \"$0\"', \(relay)]",
        ])
        let started = Date()
        let report = try CLI.json("hw", "test", "--profile", profile)
        #expect(Date().timeIntervalSince(started) >= 0.3)
        #expect(report["ok"] as? Bool == true)
        #expect(report["profile"] as? String == "bench-test")
        #expect(report["underruns"] as? Int == 0)
        #expect(report["volume_db"] as? Double == -6)
        let amplifier = report["amplifier"] as? [String: Any] ?? [:]
        #expect(amplifier["switched_on"] as? Bool == true && amplifier["switched_off"] as? Bool == true)
        #expect(try String(contentsOfFile: relay, encoding: .utf8) == "on\noff\n")
        let mixer = report["mixer"] as? [String: Any] ?? [:]
        #expect(mixer["control"] == nil && mixer["problem"] == nil)
        let played = report["played"] as? [[String: Any]] ?? []
        #expect(played.compactMap { $0["part"] as? String } == ["chime", "speech"])
        #expect(played.first?["seconds"] as? Double == 2.5)

        // The WAV holds the chime (E5 then C5), then the speech.
        let reader = try WAVFileReader(path: capture)
        #expect(reader.format == AudioFormat(sampleRate: 48_000, channels: 1))
        let samples = try reader.readAll()
        let chime = Array(samples.prefix(120_000))
        #expect(Array(Self.melody(chime, candidates: [659.25, 523.25, 1_000]).prefix(2)) == [659.25, 523.25])
        let speechSeconds = played.last?["seconds"] as? Double ?? 0
        #expect(speechSeconds > 1)
        #expect(abs(Double(samples.count) / 48_000 - (2.5 + speechSeconds)) < 0.05)
    }

    @Test("plays at the profile's volume: near the broadcast loudness at 0 dB, 6 dB quieter at -6 dB, never clipping")
    func volume() throws {
        var loudness: [Double] = []
        for volume in ["0", "-6"] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let capture = directory.file("air.wav")
            let profile = try Self.profile(in: directory, capture: capture, mixer: ["volume_db: \(volume)"])
            let result = try ProcessRunner.run(CLI.path, ["hw", "test", "--profile", profile],
                                               environment: ["PATH": "/nonexistent"])
            #expect(result.status == 0, "\(result.standardError)")
            let chime = Array(try WAVFileReader(path: capture).readAll().prefix(120_000))
            #expect(chime.map { abs($0) }.max() ?? 1 < 0.99)
            loudness.append(try LoudnessMeter.measure(chime, format: .broadcast).lufs)
        }
        #expect(loudness[0] > -18 && loudness[0] <= -15.9, "chime at \(loudness[0]) LUFS")
        #expect(abs(loudness[0] - loudness[1] - 6) < 0.05, "\(loudness)")
    }

    @Test("without espeak-ng it says so and plays a 1 kHz tone instead of the spoken test; people get a summary")
    func withoutSpeech() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("air.wav")
        let profile = try Self.profile(in: directory, capture: capture)
        let result = try ProcessRunner.run(CLI.path, ["hw", "test", "--profile", profile],
                                           environment: ["PATH": "/nonexistent"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        #expect(text.contains("profile   bench-test (file plugin on the bench)"), "\(text)")
        #expect(text.contains("mixer     no mixer control in the profile; volume is software gain only"), "\(text)")
        #expect(text.contains("amplifier none (no relay): on"), "\(text)")
        #expect(text.contains("chime     played 2.5 s at -6.0 dB"), "\(text)")
        #expect(text.contains("tone      played 2.0 s at -6.0 dB (espeak-ng is not installed (apt install espeak-ng); "
                              + "played a 1000 Hz tone instead of the spoken test)"), "\(text)")
        #expect(text.contains("underruns 0"), "\(text)")
        #expect(text.hasSuffix("result    ok\n"), "\(text)")
        let samples = try WAVFileReader(path: capture).readAll()
        #expect(samples.count == 216_000)
        #expect(Self.melody(Array(samples.suffix(96_000)), candidates: [659.25, 523.25, 1_000]) == [1_000])
    }

    @Test("a device that cannot be opened fails with its name and ALSA's reason, before the relay is touched",
          arguments: ["hw:0", "default"])
    func deviceCannotOpen(device: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let relay = directory.file("relay.log")
        let profile = try Self.profile(in: directory, capture: directory.file("air.wav"), amplifier: [
            "type: command", "on_command: [/usr/bin/touch, \(relay)]", "off_command: [/bin/true]",
        ])
        let result = try CLI.run("hw", "test", "--profile", profile, "--device", device)
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot open audio device '\(device)': "), "\(result.standardError)")
        #expect(result.standardError.contains("aplay -L"))
        #expect(!FileManager.default.fileExists(atPath: relay))
    }

    @Test("a relay or mixer control that does not answer is a problem: the test still plays, then exits 1")
    func problemsFail() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("air.wav")
        let profile = try Self.profile(
            in: directory, capture: capture,
            amplifier: ["type: gpio", "chip: gpiochip7", "line: 17", "active_low: true"],
            mixer: ["control: PCM", "device: 'hw:9'"]
        )
        let result = try ProcessRunner.run(CLI.path, ["hw", "test", "--profile", profile],
                                           environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        let text = result.standardOutput
        #expect(text.contains("mixer     PROBLEM: mixer control 'PCM': cannot open the mixer of 'hw:9': "), "\(text)")
        #expect(text.contains("amplifier gpio gpiochip7 line 17 (active low): PROBLEM: cannot switch on: "
                              + "GPIO chip 'gpiochip7' cannot be opened: "), "\(text)")
        #expect(text.contains("chime     played 2.5 s"), "\(text)")
        #expect(text.hasSuffix("result    PROBLEMS: see above\n"), "\(text)")
    }
}
