import CommuneCastTesting
import Foundation
import Testing

/// FFmpeg's libraries and the hundred codec libraries behind them took 40 ms of every command's start, an alert push
/// among them; `communecast` now opens them only when a file needs them.
@Suite("communecast opens FFmpeg only for a file that needs it")
struct FFmpegLoadingTests {
    /// Runs the CLI with glibc's loader trace on; its status and the trace of what the loader opened.
    private static func traced(_ arguments: [String]) throws -> (status: Int32, trace: String) {
        let output = try ProcessRunner.run(CLI.path, arguments, environment: ["LD_DEBUG": "libs"])
        return (output.status, output.standardError)
    }

    @Test("--version, a tone and an Ogg Opus encode never load libavformat; an MP3 encode opens it and works")
    func openedOnDemand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let version = try Self.traced(["--version"])
        #expect(version.status == 0)
        #expect(version.trace.contains("libswiftCore"), "the loader's trace is missing: \(version.trace.prefix(300))")
        #expect(!version.trace.contains("libavformat"))

        // A generated tone, and an Ogg Opus file encoded again (libopusfile reads it), need no FFmpeg.
        let tone = directory.file("tone.opus")
        let made = try Self.traced(["media", "tone", "--kind", "chime", "--seconds", "1", tone])
        #expect(made.status == 0)
        #expect(!made.trace.contains("libavformat"))
        let fromOpus = try Self.traced(["media", "encode", tone, directory.file("again.opus")])
        #expect(fromOpus.status == 0)
        #expect(!fromOpus.trace.contains("libavformat"))

        let mp3 = directory.file("tone.mp3")
        try AudioMeasure.make("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                                         "sine=frequency=440:duration=2", "-c:a", "libmp3lame", mp3])
        let fromMP3 = try Self.traced(["media", "encode", mp3, directory.file("mp3.opus")])
        #expect(fromMP3.status == 0, "\(fromMP3.trace.suffix(500))")
        #expect(fromMP3.trace.contains("libavformat.so."))
        #expect(FileManager.default.fileExists(atPath: directory.file("mp3.opus")))
    }
}
