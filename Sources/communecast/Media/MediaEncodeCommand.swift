import ArgumentParser
import AudioCodec
import MediaImport

/// `communecast media encode`: the import pipeline on one file.
struct MediaEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Convert an audio file (MP3, M4A, AMR, FLAC, Vorbis, Opus, WAV) into a mono Ogg Opus announcement.",
        discussion: """
            Reads MP3, M4A/AAC, AMR-NB/WB, FLAC, Ogg Vorbis, Opus in Ogg or WebM and WAV of every kind through \
            FFmpeg's libraries. A file FFmpeg cannot decode, with no audio stream, protected by DRM, cut short, \
            longer than 2 hours, or needing more than three quarters of this machine's memory to encode (the whole \
            signal is held: 16 bytes per sample at its rate) is refused with its name and the reason, and nothing \
            is written. \
            Decodes, downmixes to mono, resamples to 48 kHz, measures EBU R128 loudness, normalises to the target, \
            encodes Opus (VBR, 20 ms frames) and writes OUTPUT atomically. The encoded file itself keeps its true \
            peak at or below -1 dBTP: it is decoded and measured as it is written, and made again with more \
            headroom when Opus overshoots. The input's sample rate is kept in the file's tags (media info shows it). \
            An existing OUTPUT is kept unless --force is given. --target-lufs takes negative numbers as written.
            """
    )

    @Argument(help: "The audio file to convert.")
    var input: String

    @Argument(help: "Where to write the Ogg Opus result.")
    var output: String

    @Option(help: "Opus bitrate in kb/s (6-256).")
    var bitrate: Int = 24

    @Option(name: .customLong("target-lufs"), parsing: .unconditional, help: "Integrated loudness to normalise to, in LUFS (-40 to -5).")
    var targetLUFS: Double = -16

    @Flag(help: "Replace OUTPUT if it exists.")
    var force = false

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func validate() throws {
        guard (6...256).contains(bitrate) else { throw ValidationError("--bitrate must be 6-256 kb/s, got \(bitrate)") }
        guard (-40.0 ... -5.0).contains(targetLUFS) else {
            throw ValidationError("--target-lufs must be between -40 and -5 LUFS, got \(targetLUFS)")
        }
    }

    func run() throws {
        var options = EncodeOptions.onThisMachine
        options.opus.bitrate = bitrate * 1_000
        options.targetLUFS = targetLUFS
        options.replaceExisting = force
        let report = try MediaImporter.encode(input: input, output: output, options: options) { stage, fraction in
            Terminal.progress("\(stage.rawValue) \(Int(fraction * 100))%")
        }
        Terminal.endProgress()
        if json { return try Terminal.printJSON(report) }
        print("input:    \(report.input): \(report.inputFormat), \(Terminal.clock(report.durationSeconds))")
        print("before:   \(Terminal.level(report.loudnessBeforeLUFS, unit: "LUFS")), true peak "
              + Terminal.level(report.truePeakBeforeDBTP, unit: "dBTP"))
        let gain = String(format: "%+.1f dB%@", report.gainDB, report.limited ? ", limited" : "")
        print("after:    \(Terminal.level(report.loudnessAfterLUFS, unit: "LUFS")), true peak "
              + "\(Terminal.level(report.truePeakAfterDBTP, unit: "dBTP")) (gain \(gain))")
        print("output:   \(report.output): \(Terminal.bytes(report.outputBytes)), Opus \(report.bitrate / 1_000) kb/s, "
              + "sha256 \(report.outputSHA256)")
    }
}
