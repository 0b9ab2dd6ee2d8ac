import AudioCodec
import CommuneCastTesting
import Foundation

/// Fixtures made at test time (never committed): Vietnamese speech from espeak-ng, 12 dB too quiet, as a 44.1 kHz
/// stereo WAV, converted by ffmpeg or sox into each format a phone, browser or vendor console makes.
enum ImportFixtures {
    /// One format: its file name and the tool and arguments that make it from `source.wav`.
    struct Format: Sendable, CustomStringConvertible {
        let name: String
        let file: String
        let tool: String
        let arguments: [String]
        var description: String { name }
    }

    /// ffmpeg converting `source.wav` with `codec` arguments into `file`.
    static func ffmpeg(_ name: String, _ file: String, _ codec: [String]) -> Format {
        Format(name: name, file: file, tool: "ffmpeg",
               arguments: ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", "SOURCE"] + codec + ["OUTPUT"])
    }

    static let formats: [Format] = [
        ffmpeg("MP3", "phone.mp3", ["-c:a", "libmp3lame", "-b:a", "64k"]),
        ffmpeg("M4A/AAC (Zalo voice message)", "zalo.m4a", ["-c:a", "aac", "-b:a", "64k"]),
        Format(name: "AMR-NB", file: "ghi-am.amr", tool: "sox", arguments: ["SOURCE", "-r", "8000", "-c", "1",
                                                                             "-t", "amr-nb", "OUTPUT"]),
        ffmpeg("FLAC", "ban-tin.flac", ["-c:a", "flac"]),
        ffmpeg("Ogg Vorbis", "ban-tin.ogg", ["-c:a", "libvorbis", "-q:a", "3"]),
        ffmpeg("Opus in WebM (browser recording)", "browser.webm", ["-c:a", "libopus", "-b:a", "32k"]),
        ffmpeg("Opus in Ogg", "browser.opus", ["-c:a", "libopus", "-b:a", "32k"]),
        ffmpeg("WAV 8-bit unsigned", "u8.wav", ["-c:a", "pcm_u8"]),
        ffmpeg("WAV 16-bit", "s16.wav", ["-c:a", "pcm_s16le"]),
        ffmpeg("WAV 24-bit", "s24.wav", ["-c:a", "pcm_s24le"]),
        ffmpeg("WAV 32-bit", "s32.wav", ["-c:a", "pcm_s32le"]),
        ffmpeg("WAV 32-bit float", "f32.wav", ["-c:a", "pcm_f32le"]),
        ffmpeg("WAV 64-bit float", "f64.wav", ["-c:a", "pcm_f64le"]),
        ffmpeg("WAV A-law (telephone)", "alaw.wav", ["-c:a", "pcm_alaw", "-ar", "8000", "-ac", "1"]),
        ffmpeg("WAV mu-law (telephone)", "mulaw.wav", ["-c:a", "pcm_mulaw", "-ar", "8000", "-ac", "1"]),
        ffmpeg("RF64", "rf64.wav", ["-c:a", "pcm_s16le", "-rf64", "always"]),
        ffmpeg("WAV extensible, 5.1 channels", "surround.wav", ["-c:a", "pcm_s16le", "-ac", "6"]),
    ]

    /// Makes `source.wav` in `directory` and returns its path and exact duration in seconds.
    static func source(in directory: TemporaryDirectory) throws -> (path: String, seconds: Double) {
        let speech = directory.file("speech.wav")
        try AudioMeasure.make("espeak-ng", [
            "-v", "vi", "-s", "150", "-w", speech,
            "Ủy ban nhân dân xã thông báo: bão số ba đang di chuyển vào đất liền, gió mạnh cấp mười hai.",
        ])
        let source = directory.file("source.wav")
        try AudioMeasure.make("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-i", speech, "-af", "volume=-12dB",
                                         "-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", source])
        let reader = try WAVFileReader(path: source)
        return (source, Double(reader.frameCount ?? 0) / 44_100)
    }

    /// Makes `format` from `source` in `directory`.
    static func make(_ format: Format, from source: String, in directory: TemporaryDirectory) throws -> String {
        let output = directory.file(format.file)
        try AudioMeasure.make(format.tool, format.arguments.map { $0 == "SOURCE" ? source : $0 == "OUTPUT" ? output : $0 })
        return output
    }
}
