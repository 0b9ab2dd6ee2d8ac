import CommuneCastTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `communecast live` through the real binary to a real Icecast 2 on loopback: the mount carries Ogg Opus that
/// ffprobe and ffmpeg read, the report gives the encoder's delay, and Ctrl-C ends the stream cleanly.
@Suite("Live: communecast live to Icecast", .serialized)
struct LiveCommandTests {
    private static let cli = BuiltProducts.path(of: "communecast")

    /// A server, a password file and a `seconds`-long 440 Hz test programme.
    private func setUp(seconds: Double) throws -> (TemporaryDirectory, IcecastServer, [String]) {
        let directory = try TemporaryDirectory(prefix: "live")
        let server = try IcecastServer(directory: directory)
        try "\(server.sourcePassword)\n".write(toFile: directory.file("password"), atomically: true, encoding: .utf8)
        let tone = Signals.sine(frequency: 440, seconds: seconds, sampleRate: 44_100, amplitude: 0.3, channels: 2)
        try WAVWriter.write(tone, to: directory.file("programme.wav"), sampleRate: 44_100, channels: 2)
        let arguments = ["live", "--mount", server.url("/live.opus"), "--from", directory.file("programme.wav"),
                         "--password-file", directory.file("password"), "--json"]
        return (directory, server, arguments)
    }

    private func start(_ arguments: [String], output: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.cli)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        _ = FileManager.default.createFile(atPath: output + ".err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output + ".err"))
        try process.run()
        return process
    }

    private func report(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a file sent live is an Ogg Opus mount that ffprobe reads and ffmpeg decodes to the tone")
    func mountCarriesOggOpus() throws {
        let (directory, server, arguments) = try setUp(seconds: 12)
        defer { directory.remove() }
        let process = try start(arguments, output: directory.file("report.json"))
        defer { if process.isRunning { process.terminate() } }
        #expect(Poll.until(timeout: 60) { server.hasSource("/live.opus") }, "\(server.log(tail: 10))")
        let probe = try ProcessRunner.run("ffprobe", [
            "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "csv=p=0",
            server.url("/live.opus"),
        ])
        #expect(probe.standardOutput.contains("opus,48000,1"), "\(probe.standardOutput) \(probe.standardError)")
        let decoded = directory.file("heard.raw")
        let listened = try ProcessRunner.run("ffmpeg", [
            "-v", "error", "-t", "3", "-i", server.url("/live.opus"), "-f", "s16le", "-ac", "1", "-ar", "48000",
            decoded,
        ])
        #expect(listened.status == 0, "\(listened.standardError)")
        let heard = try Signals.readRawS16(path: decoded)
        #expect(heard.count >= 48_000 * 2)
        #expect(Signals.power(at: 440, in: heard, sampleRate: 48_000) > 100 * Signals.power(at: 1_000, in: heard,
                                                                                             sampleRate: 48_000))
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try report(directory.file("report.json"))
        #expect(json["connections"] as? Int == 1)
        #expect((json["pages_sent"] as? Int ?? 0) > 100)
        #expect((json["seconds"] as? Double ?? 0) > 11.5)
        let delay = try #require(json["first_page_delay"] as? Double)
        #expect(delay <= 0.15)
        #expect(Poll.until(timeout: 30) { !server.hasSource("/live.opus") })
    }

    @Test("a programme that holds no audio is refused before the mount is taken, naming the file once")
    func emptyProgramme() throws {
        let (directory, server, arguments) = try setUp(seconds: 0)
        defer { directory.remove() }
        let result = try ProcessRunner.run(Self.cli, arguments)
        let file = directory.file("programme.wav")
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("communecast: error: '\(file)' contains no audio (zero samples)"),
                "\(result.standardError)")
        #expect(result.standardError.components(separatedBy: file).count == 2, "\(result.standardError)")
        #expect(!server.hasSource("/live.opus"))
    }

    @Test("Ctrl-C ends the broadcast: exit 130, a report, and the mount released")
    func interruptEndsCleanly() throws {
        let (directory, server, arguments) = try setUp(seconds: 60)
        defer { directory.remove() }
        let process = try start(arguments, output: directory.file("report.json"))
        defer { if process.isRunning { process.terminate() } }
        #expect(Poll.until(timeout: 60) { server.hasSource("/live.opus") }, "\(server.log(tail: 10))")
        kill(process.processIdentifier, SIGINT)
        #expect(Poll.until(timeout: 30) { !process.isRunning })
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let json = try report(directory.file("report.json"))
        #expect((json["seconds"] as? Double ?? 60) < 50)
        #expect(Poll.until(timeout: 30) { !server.hasSource("/live.opus") })
    }

    @Test("capture from an ALSA device (the null plugin, paced to the wall clock) goes on air and stops on Ctrl-C")
    func capturesFromALSA() throws {
        let (directory, server, arguments) = try setUp(seconds: 1)
        defer { directory.remove() }
        var fromDevice = arguments
        fromDevice[fromDevice.firstIndex(of: "--from")! + 1] = "null"
        let process = try start(fromDevice, output: directory.file("report.json"))
        defer { if process.isRunning { process.terminate() } }
        #expect(Poll.until(timeout: 60) { server.hasSource("/live.opus") }, "\(server.log(tail: 10))")
        #expect(Poll.until(timeout: 60) {
            ((try? String(contentsOfFile: directory.file("report.json.err"), encoding: .utf8)) ?? "").contains("on air")
        })
        kill(process.processIdentifier, SIGINT)
        #expect(Poll.until(timeout: 30) { !process.isRunning })
        process.waitUntilExit()
        let errors = (try? String(contentsOfFile: directory.file("report.json.err"), encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 130, "\(errors)")
        let json = try report(directory.file("report.json"))
        #expect((json["seconds"] as? Double ?? 0) > 0)
        #expect((json["pages_sent"] as? Int ?? 0) > 0)
    }

    @Test("a wrong password or a server that is not there is a clear error and exit 1")
    func refusedLogin() throws {
        let (directory, server, arguments) = try setUp(seconds: 2)
        defer { directory.remove() }
        try "wrong\n".write(toFile: directory.file("password"), atomically: true, encoding: .utf8)
        let refused = try ProcessRunner.run(Self.cli, arguments)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("refused the source login"), "\(refused.standardError)")
        server.stop()
        let absent = try ProcessRunner.run(Self.cli, arguments)
        #expect(absent.status == 1)
        #expect(absent.standardError.contains(server.url("/live.opus").replacingOccurrences(of: "http://", with: "")),
                "\(absent.standardError)")
    }
}
