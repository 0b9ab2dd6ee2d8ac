import AudioCodec
import Foundation

/// Independent measurements of encoded audio with ffmpeg, so tests check our pipeline with someone else's meter.
public enum AudioMeasure {
    /// Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's ebur128 filter measures them; NaN when absent.
    /// An Ogg Opus file is decoded with libopus, the reference decoder that sites and players use: ffmpeg's own Opus
    /// decoder is not exact at low bitrates (on 24 kb/s white noise it read 0.2 LU louder and a true peak 1.5 dB
    /// higher than libopus).
    public static func loudness(_ path: String) throws -> (lufs: Double, peak: Double) {
        let head = (try? MediaFile.readPrefix(path: path, count: OggOpusFileReader.headPrefixCount)) ?? []
        let decoder = OggOpusFileReader.beginsWithOpusHead(head) ? ["-c:a", "libopus"] : []
        let output = try ProcessRunner.run(
            "ffmpeg",
            ["-nostats", "-hide_banner"] + decoder
                + ["-i", path, "-filter_complex", "ebur128=peak=true", "-f", "null", "-"]
        )
        let summary = output.standardError.components(separatedBy: "Summary:").last ?? ""
        func value(after label: String) -> Double? {
            guard let range = summary.range(of: label) else { return nil }
            let rest = summary[range.upperBound...].trimmingCharacters(in: .whitespaces)
            return Double(rest.prefix { "-+.0123456789".contains($0) })
        }
        return (value(after: "I:") ?? .nan, value(after: "Peak:") ?? .nan)
    }

    /// Writes mono `samples` at `sampleRate` as a WAV beside `path` and has ffmpeg convert it with `codec` (for
    /// example `["-c:a", "libmp3lame"]`) into `path`: a phone's or a vendor's file, made at test time.
    public static func convert(_ samples: [Float], sampleRate: Int, to path: String, codec: [String]) throws {
        let wav = path + ".source.wav"
        try WAVWriter.write(samples, to: wav, sampleRate: sampleRate)
        try make("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-i", wav] + codec + [path])
    }

    /// Runs a fixture-making tool (ffmpeg, sox, espeak-ng) and throws its standard error when it fails.
    public static func make(_ tool: String, _ arguments: [String]) throws {
        let output = try ProcessRunner.run(tool, arguments)
        guard output.status == 0 else { throw FixtureFailure(tool: tool, message: output.standardError) }
    }

    /// A fixture tool failed.
    public struct FixtureFailure: Error, CustomStringConvertible {
        /// The tool.
        public let tool: String
        /// What it printed.
        public let message: String
        public var description: String { "\(tool) failed: \(message)" }
    }
}
