import CommuneCastTesting
import Foundation
import Testing

/// Interoperability (issue 18): MPD, a player we did not write, plays the Ogg Opus mount our live source feeds to
/// Icecast. MPD runs on a free loopback port from a generated configuration, with a pipe output writing raw PCM.
@Suite("Live: MPD plays our mount", .serialized)
struct MPDInteropTests {
    @Test("MPD plays the live mount: 440 Hz in its output")
    func mpdPlaysOurMount() throws {
        let rig = try LiveRig(seconds: 120)
        defer { rig.stop() }
        let directory = try TemporaryDirectory(prefix: "mpd")
        defer { directory.remove() }
        let port = try LoopbackPort.free()
        let output = directory.file("out.raw")
        for folder in ["music", "playlists"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        let configuration = directory.file("mpd.conf")
        try """
            music_directory "\(directory.file("music"))"
            playlist_directory "\(directory.file("playlists"))"
            db_file "\(directory.file("database"))"
            log_file "\(directory.file("mpd.log"))"
            bind_to_address "127.0.0.1"
            port "\(port)"
            audio_output {
                type "pipe"
                name "raw"
                command "cat >> \(output)"
                format "48000:16:1"
            }
            """.write(toFile: configuration, atomically: true, encoding: .utf8)
        let mpd = try ServerProcess.launch("/usr/bin/mpd", ["--no-daemon", "--stderr", configuration],
                                           log: directory.file("mpd.out"))
        defer { ServerProcess.end(mpd) }
        try #require(Poll.until(timeout: 60) { LoopbackPort.accepts(port) }, "MPD never listened")
        let mpc = ["-h", "127.0.0.1", "-p", "\(port)"]
        #expect(try ProcessRunner.run("/usr/bin/mpc", mpc + ["add", rig.server.url("/live.opus")]).status == 0)
        #expect(try ProcessRunner.run("/usr/bin/mpc", mpc + ["play"]).status == 0)
        let played = Poll.until(timeout: 60) {
            ((try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0) >= 3 * 96_000
        }
        let log = (try? String(contentsOfFile: directory.file("mpd.log"), encoding: .utf8)) ?? ""
        try #require(played, "MPD wrote no audio: \(log)")
        let heard = try Signals.readRawS16(path: output)
        let tail = Array(heard[(heard.count - 48_000)...])
        #expect(Signals.power(at: 440, in: tail, sampleRate: 48_000)
                > 100 * Signals.power(at: 1_000, in: tail, sampleRate: 48_000), "\(log)")
    }
}
