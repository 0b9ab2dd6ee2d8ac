import CommuneCastTesting
import Foundation
import Testing

/// FFmpeg's libraries and the hundred codec libraries behind them took 40 ms of every command's start, an alert push
/// among them, and libshout, espeak-ng, libmosquitto, libxml2 and xmlsec1 with OpenSSL and ICU 13 ms more;
/// `communecast` now opens each only for the commands that need it (`Sources/CDynamic/dynamic.h`).
@Suite("communecast opens FFmpeg, libshout, espeak-ng, libmosquitto and the XML libraries only when needed")
struct OnDemandLibraryTests {
    /// Runs the CLI with glibc's loader trace on; its status, the trace of what the loader opened (with the CLI's
    /// own standard error) and its standard output.
    private static func traced(_ arguments: [String]) throws -> (status: Int32, trace: String, output: String) {
        let output = try ProcessRunner.run(CLI.path, arguments, environment: ["LD_DEBUG": "libs"])
        return (output.status, output.standardError, output.standardOutput)
    }

    @Test("--version opens none of them; a tone and an Ogg Opus encode no FFmpeg; an MP3 encode opens it and works")
    func openedOnDemand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let version = try Self.traced(["--version"])
        #expect(version.status == 0)
        #expect(version.trace.contains("libswiftCore"), "the loader's trace is missing: \(version.trace.prefix(300))")
        for library in ["libavformat", "libshout", "libespeak-ng", "libmosquitto", "libxml2", "libxmlsec1", "libssl"] {
            #expect(!version.trace.contains(library), "--version loaded \(library)")
        }

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

    @Test("media speak opens espeak-ng and speaks")
    func speechOpensEspeak() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let spoken = directory.file("xin-chao.opus")
        let speak = try Self.traced(["media", "speak", "--text", "Xin chào bà con", spoken])
        #expect(speak.status == 0, "\(speak.trace.suffix(500))")
        #expect(speak.trace.contains("libespeak-ng.so.1"))
        #expect(!speak.trace.contains("libshout"))
        let bytes = try #require(FileManager.default.contents(atPath: spoken))
        #expect(bytes.count > 1_000, "the speech file holds \(bytes.count) bytes")
    }

    @Test("live opens libshout when it connects, and says why when nothing listens")
    func liveOpensShout() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tone = directory.file("tone.wav")
        try AudioMeasure.make("sox", ["-n", "-r", "48000", "-c", "1", "-b", "16", tone, "synth", "1", "sine", "440"])
        let password = directory.file("password")
        try "hackme\n".write(toFile: password, atomically: true, encoding: .utf8)
        let port = try LoopbackPort.free()
        let live = try Self.traced(["live", "--mount", "http://127.0.0.1:\(port)/relay.opus", "--from", tone,
                                    "--password-file", password])
        #expect(live.status != 0)
        #expect(live.trace.contains("libshout.so.3"))
        #expect(!live.trace.contains("libespeak-ng"))
        #expect(live.trace.contains("http://127.0.0.1:\(port)/relay.opus"), "\(live.trace.suffix(500))")
    }

    @Test("cap check opens libxml2 and xmlsec1 and reads a signed CAP message through them")
    func capOpensXML() throws {
        let check = try Self.traced(["cap", "check", CAPSamples.Sample.canada.path])
        #expect(check.trace.contains("libxml2.so.2"))
        #expect(check.trace.contains("libxmlsec1-openssl.so.1"))
        // Refused by the default policy (Canada is not a sender it lists), which means the file was parsed.
        #expect(check.status == 1)
        #expect(check.output.contains("is not a sender the policy lists"), "\(check.output)")
    }
}
