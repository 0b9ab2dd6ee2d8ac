import ArgumentParser
import AudioCodec
import MediaImport

/// `communecast media info`: what a file holds, measured rather than guessed.
struct MediaInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show container, codec, channels, rate, exact duration, loudness, true peak, bitrate and SHA-256."
    )

    @Argument(help: "An audio file of any format `media encode` reads (MP3, M4A, AMR, FLAC, Vorbis, Opus, WAV).")
    var file: String

    @Flag(help: "Print as one JSON object.")
    var json = false

    func run() throws {
        let info = try MediaImporter.inspect(input: file)
        if json { return try Terminal.printJSON(info) }
        let rows: [(String, String)] = [
            ("file", info.path),
            ("container", info.container),
            ("codec", info.codec + (info.vendor.map { " (\($0))" } ?? "")),
            ("channels", "\(info.channels)"),
            ("sample rate", "\(info.originalSampleRate) Hz" + (info.preSkip == nil ? "" : " original, decoded at 48000 Hz")),
            ("duration", String(format: "%.3f s (%d frames)", info.durationSeconds, info.frames)),
            ("loudness", Terminal.level(info.integratedLoudnessLUFS, unit: "LUFS")),
            ("true peak", Terminal.level(info.truePeakDBTP, unit: "dBTP")),
            ("bitrate", String(format: "%.1f kb/s average", Double(info.averageBitrate) / 1_000)),
            ("size", "\(Terminal.bytes(info.bytes)) (\(info.bytes) bytes)"),
            ("sha256", info.sha256),
        ]
        for (key, value) in rows { print(key.padding(toLength: 12, withPad: " ", startingAt: 0) + value) }
    }
}
