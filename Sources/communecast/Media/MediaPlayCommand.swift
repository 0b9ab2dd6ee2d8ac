import ArgumentParser
import AudioCodec
import AudioOutput
import Dispatch
import Playout
#if canImport(Glibc)
import Glibc
#endif

/// `communecast media play`: plays a file through ALSA on this machine.
struct MediaPlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a WAV or Ogg Opus file through an ALSA device.",
        discussion: """
            Devices that do not keep real time (ALSA's null and file plugins) are paced to the wall clock unless \
            --no-pace is given; --pace forces pacing on any device. Ctrl-C fades out and stops (exit status 130).
            Example devices: default, hw:1,0, plughw:CARD=Device, null, file:FILE=/tmp/out.wav,FORMAT=wav
            """
    )

    /// What `--json` prints after playback.
    struct Report: Encodable {
        let file: String
        let device: String
        let frames: Int
        let sampleRate: Int
        let channels: Int
        let seconds: Double
        let underruns: Int
        let paced: Bool
        let stoppedEarly: Bool

        enum CodingKeys: String, CodingKey {
            case file, device, frames, channels, seconds, underruns, paced
            case sampleRate = "sample_rate"
            case stoppedEarly = "stopped_early"
        }
    }

    @Argument(help: "A WAV or Ogg Opus file.")
    var file: String

    @Option(help: "ALSA PCM to play through.")
    var device = "default"

    @Option(parsing: .unconditional, help: "Software gain in dB (-60 to +12).")
    var volume: Double = 0

    @Flag(inversion: .prefixedNo, help: "Hold writes to the wall clock (default: only for null and file devices).")
    var pace: Bool?

    @Flag(help: "Print a JSON summary when playback ends.")
    var json = false

    func validate() throws {
        guard (-60.0...12.0).contains(volume) else {
            throw ValidationError("--volume must be between -60 and +12 dB, got \(volume)")
        }
    }

    func run() throws {
        let opened: MediaSource
        do {
            opened = try MediaSource.open(path: file)
        } catch {
            switch error {
            case .unrecognised, .unsupportedFormat:
                // The site device plays what it stores; FFmpeg, which reads the rest, is the office's.
                throw CLIError("\(error); `communecast media encode` converts other formats (MP3, M4A, AMR…)")
            default: throw error
            }
        }
        let source = opened.decoder
        let pacing: ALSASink.Pacing = switch pace {
        case nil: .automatic
        case true?: .always
        case false?: .never
        }
        let configuration = PCMConfiguration(
            device: device, sampleRate: source.format.sampleRate, channels: source.format.channels
        )
        let sink = try ALSASink(configuration: configuration, volumeDB: volume, pacing: pacing)
        let player = FilePlayer(source: source, sink: sink)
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { player.stop() }
        interrupt.resume()
        let sampleRate = sink.sampleRate
        let rate = Double(sampleRate)
        let total = source.frameCount.map { Terminal.clock(Double($0) / rate) } ?? "?"
        let showProgress = Terminal.showsProgress
        player.start { frames in
            if showProgress && frames % (sampleRate / 5) < sampleRate / 50 {
                Terminal.progress("playing \(Terminal.clock(Double(frames) / rate)) / \(total) on \(configuration.device)")
            }
        }
        let outcome = try player.wait()
        interrupt.cancel()
        Terminal.endProgress()
        let report = Report(
            file: file, device: device, frames: outcome.framesWritten, sampleRate: sink.sampleRate,
            channels: sink.channels, seconds: Double(outcome.framesWritten) / rate, underruns: outcome.underruns,
            paced: sink.paced, stoppedEarly: outcome.stoppedEarly
        )
        if json {
            try Terminal.printJSON(report)
        } else {
            let how = outcome.stoppedEarly ? "stopped after" : "played"
            print("\(how) \(Terminal.clock(report.seconds)) of \(file) on \(device) "
                  + "(\(report.frames) frames, \(report.underruns) underruns\(sink.paced ? ", paced" : ""))")
        }
        if outcome.stoppedEarly { throw ExitCode(ExitStatus.interrupted) }
    }
}
