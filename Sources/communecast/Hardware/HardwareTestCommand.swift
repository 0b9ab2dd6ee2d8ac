import ArgumentParser
import AudioOutput
import Dispatch
import Foundation
import Logging
import Playout
import SiteHardware
import YAMLSupport
#if canImport(Glibc)
import Glibc
#endif

/// `communecast hw test`: the installer's check at the cabinet. It opens the profile's audio device, reads the
/// mixer control's range, switches the amplifier on and waits the warm-up, plays the chime and a spoken test at the
/// profile's volume, reports underruns, and switches the amplifier off again, even when interrupted.
struct HardwareTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Play a chime and a spoken test through a hardware profile's device and amplifier.",
        discussion: """
            Run it on the site device with the daemon stopped (the daemon holds the sound card and the relay). \
            Without --profile, the hardware_profile of /etc/communecast/communecastd.yaml is used, else virtual; \
            ${STATE_DIR} in a profile's device means the current directory here. The chime and the spoken test \
            go through the upload pipeline's loudness normaliser and limiter, so they play at the broadcast \
            loudness with the true peak at most -1 dBTP, as real announcements do. Exit status 0 when the device \
            played and the amplifier and mixer answered, 1 when something must be fixed, 130 when interrupted.
            """
    )

    /// The daemon's configuration file, read for its hardware_profile when --profile is not given.
    static let daemonConfiguration = "/etc/communecast/communecastd.yaml"

    @Option(help: "Hardware profile: a name (rpi4-usb, x86-minipc, virtual) or a YAML file.")
    var profile: String?

    @Option(help: "ALSA PCM to open instead of the profile's (e.g. plughw:CARD=Device,DEV=0).")
    var device: String?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let profile = try HardwareProfile.load(self.profile ?? Self.configuredProfile())
        let here = FileManager.default.currentDirectoryPath
        let device = self.device ?? profile.deviceName(stateDirectory: here)
        var logger = Logger(label: "communecast")
        logger.logLevel = .critical
        var report = HardwareTestReport(
            profile: profile.name, device: device, volumeDB: profile.volumeDB,
            mixer: Self.mixer(profile, card: profile.mixerDevice ?? ALSAMixer.card(forPCM: device)),
            amplifier: .init(type: profile.amplifier.rawValue, wiring: profile.amplifierDescription,
                             warmupMS: profile.amplifierTiming.warmupMilliseconds)
        )
        say("profile   \(profile.name)\(profile.summary.isEmpty ? "" : " (\(profile.summary))")")

        Terminal.progress("opening \(device)…")
        let sink: ALSASink
        do {
            sink = try ALSASink(
                configuration: PCMConfiguration(
                    device: device, sampleRate: 48_000, channels: profile.channels,
                    bufferMicroseconds: profile.bufferMilliseconds * 1_000,
                    periodMicroseconds: profile.periodMilliseconds * 1_000
                ),
                volumeDB: profile.volumeDB, pacing: profile.pacing
            )
        } catch {
            Terminal.endProgress()
            throw CLIError("\(error)\nlist the devices with `aplay -l` and `aplay -L`, then use --device or set "
                           + "pcm.device in the profile")
        }
        report.sampleRate = sink.sampleRate
        report.channels = sink.channels
        Terminal.endProgress()
        say("device    \(device): \(sink.sampleRate) Hz, \(sink.channels) channel(s), "
            + "buffer \(sink.pcm.bufferFrames * 1_000 / max(sink.sampleRate, 1)) ms, "
            + "period \(sink.pcm.periodFrames * 1_000 / max(sink.sampleRate, 1)) ms")
        say("mixer     \(report.mixerLine)")

        let interrupted = InterruptFlag()
        let writer = SpliceWriter(sink: sink)
        let amplifier = profile.makeAmplifier(logger: logger)
        switchAmplifier(amplifier, on: true, report: &report)
        if report.amplifier.switchedOn, report.amplifier.warmupMS > 0 {
            Terminal.progress("amplifier warming up \(report.amplifier.warmupMS) ms…")
            Thread.sleep(forTimeInterval: Double(report.amplifier.warmupMS) / 1_000)
            Terminal.endProgress()
        }
        do {
            for part in [TestSignals.chime(rate: sink.sampleRate), TestSignals.speech(rate: sink.sampleRate)] {
                if interrupted.isRaised { break }
                let seconds = try play(part, to: writer, stop: interrupted)
                report.played.append(.init(part: part.name, seconds: seconds, note: part.note))
                say(part.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: "played %.1f s at %.1f dB", seconds, profile.volumeDB)
                    + (part.note.map { " (\($0))" } ?? ""))
            }
        } catch {
            // The device failed mid-test (a USB adapter pulled out): say so, and still switch the amplifier off.
            Terminal.endProgress()
            report.playbackProblem = "\(error)"
            say("playback  PROBLEM: \(error)")
        }
        // A device that failed has nothing left to play; otherwise let the end (or the fade after Ctrl-C) be heard.
        if report.playbackProblem == nil { sink.drain() }
        report.underruns = sink.underruns
        report.interrupted = interrupted.isRaised
        sink.close()
        say("underruns \(report.underruns)"
            + (report.underruns > 0 ? " (the device starved: try a larger pcm.buffer_ms, or a quieter machine)" : ""))
        switchAmplifier(amplifier, on: false, report: &report)
        (amplifier as? GPIOAmplifier)?.close()

        if json {
            try Terminal.printJSON(report)
        } else {
            say("result    \(report.ok ? "ok" : report.interrupted ? "interrupted" : "PROBLEMS: see above")")
        }
        if report.interrupted { throw ExitCode(ExitStatus.interrupted) }
        if !report.ok { throw ExitCode(ExitStatus.failure) }
    }

    /// A line for people; nothing in JSON mode, where the report says it all at the end.
    private func say(_ line: String) {
        if !json { print(line) }
    }

    private func switchAmplifier(_ amplifier: any Amplifier, on: Bool, report: inout HardwareTestReport) {
        let word = on ? "on" : "off"
        do {
            if on { try amplifier.switchOn() } else { try amplifier.switchOff() }
            if on { report.amplifier.switchedOn = true } else { report.amplifier.switchedOff = true }
            let warm = on && report.amplifier.warmupMS > 0 ? ", warming up \(report.amplifier.warmupMS) ms" : ""
            say("amplifier \(report.amplifier.wiring): \(word)\(warm)")
        } catch {
            report.amplifier.problems.append("cannot switch \(word): \(error)")
            say("amplifier \(report.amplifier.wiring): PROBLEM: cannot switch \(word): \(error)")
        }
    }

    /// Plays one part with a progress line; returns the seconds written. Stops within a period when interrupted,
    /// fading out from what was heard last.
    private func play(_ part: TestSignals.Part, to writer: SpliceWriter, stop: InterruptFlag) throws -> Double {
        let rate = writer.sink.sampleRate
        let period = max(1, rate / 50)
        let total = Double(part.samples.count) / Double(rate)
        var written = 0
        writer.beginItem(fadeInFrames: 0)
        while written < part.samples.count, !stop.isRaised {
            let frames = min(period, part.samples.count - written)
            try part.samples.withUnsafeBufferPointer {
                try writer.write(UnsafeBufferPointer(rebasing: $0[written..<(written + frames)]))
            }
            written += frames
            if written % (rate / 5) < period {
                Terminal.progress("\(part.name) \(Terminal.clock(Double(written) / Double(rate))) / "
                                  + "\(Terminal.clock(total))")
            }
        }
        if written < part.samples.count {
            writer.rewindUnheard()
            var next = writer.framesWritten
            try writer.fadeOut(frames: Int(Double(rate) * FilePlayer.fadeOutSeconds)) { buffer in
                let frames = min(buffer.count, part.samples.count - next)
                _ = buffer.initialize(from: part.samples[next..<(next + frames)])
                next += frames
                return frames
            }
        }
        Terminal.endProgress()
        return Double(writer.framesWritten) / Double(rate)
    }

    /// The profile's mixer control, read through ALSA's simple mixer API.
    private static func mixer(_ profile: HardwareProfile, card: String) -> HardwareTestReport.Mixer {
        guard let control = profile.mixerControl else { return .init() }
        var report = HardwareTestReport.Mixer(control: control, card: card)
        do {
            let mixer = try ALSAMixer(card: card)
            defer { mixer.close() }
            let found = try mixer.control(named: control)
            report.minDB = found.decibelRange?.lowerBound
            report.maxDB = found.decibelRange?.upperBound
            report.currentDB = found.currentDecibels
        } catch {
            report.problem = "mixer control '\(control)': \(error) (list the controls with `amixer -D \(card) "
                + "scontrols`)"
        }
        return report
    }

    /// The daemon's configured profile, or `virtual` when there is no configuration file.
    private static func configuredProfile() -> String {
        guard let text = try? String(contentsOfFile: daemonConfiguration, encoding: .utf8) else { return "virtual" }
        let root = YAMLMap.parse(text, file: daemonConfiguration, collector: YAMLCollector())
        return root.string("hardware_profile") ?? "virtual"
    }
}
