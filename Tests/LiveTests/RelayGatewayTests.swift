import CommuneCastTesting
import Foundation
import Logging
import StreamInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The HLS gateway (`systemd/communecast-relay`): a local HLS/AAC stream made by FFmpeg and served over HTTP, relayed
/// to a real Icecast as Ogg Opus, and played by our reader and by a real daemon; the first HLS URL is dead, so the
/// wrapper must move on.
@Suite("Live: the HLS gateway to Icecast to the reader", .serialized)
struct RelayGatewayTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Runs `body` with a 440 Hz HLS stream served on loopback, relayed by the gateway to `/relay.opus` of a real
    /// Icecast once the mount has its source; `body` gets the server and the gateway's log.
    private func withGateway(_ body: (IcecastServer, () -> String) throws -> Void) throws {
        let directory = try TemporaryDirectory(prefix: "relay")
        defer { directory.remove() }
        let server = try IcecastServer(directory: directory)
        defer { server.stop() }
        let hls = directory.file("hls")
        try FileManager.default.createDirectory(atPath: hls, withIntermediateDirectories: true)
        let ffmpeg = try ServerProcess.launch("/usr/bin/ffmpeg", [
            "-nostdin", "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-c:a", "aac",
            "-b:a", "64k", "-f", "hls", "-hls_time", "1", "-hls_list_size", "6", "-hls_flags", "delete_segments",
            "\(hls)/live.m3u8",
        ], log: directory.file("hls.log"))
        defer { ServerProcess.end(ffmpeg) }
        let port = try LoopbackPort.free()
        let web = try ServerProcess.launch("/usr/bin/python3", ["-m", "http.server", "\(port)", "--bind", "127.0.0.1",
                                                                "--directory", hls], log: directory.file("web.log"))
        defer { ServerProcess.end(web) }
        #expect(Poll.until(timeout: 60) { FileManager.default.fileExists(atPath: "\(hls)/live.m3u8") })
        try "\(server.sourcePassword)\n".write(toFile: directory.file("password"), atomically: true, encoding: .utf8)
        let dead = try LoopbackPort.free()
        let relay = try ServerProcess.launch(
            "\(Self.repository)/systemd/communecast-relay", [], log: directory.file("relay.log"),
            environment: [
                "HLS_URLS": "http://127.0.0.1:\(dead)/live.m3u8 http://127.0.0.1:\(port)/live.m3u8",
                "ICECAST_URL": server.url("/relay.opus"),
                "ICECAST_PASSWORD_FILE": directory.file("password"),
                "RELAY_RETRY_SECONDS": "1",
            ]
        )
        defer { ServerProcess.end(relay) }
        let relayLog = { (try? String(contentsOfFile: directory.file("relay.log"), encoding: .utf8)) ?? "" }
        #expect(Poll.until(timeout: 90) { server.hasSource("/relay.opus") }, "\(relayLog())")
        #expect(relayLog().contains("127.0.0.1:\(dead)/live.m3u8 ended"))
        try body(server, relayLog)
    }

    @Test("HLS/AAC relayed through the gateway plays in the reader as 440 Hz, after the dead first URL")
    func relaysHLS() throws {
        try withGateway { server, relayLog in try readerPlays(server, relayLog) }
    }

    @Test("a real daemon relays the gateway's mount: on air from the primary, 440 Hz at ALSA")
    func daemonPlaysHLS() throws {
        try withGateway { server, relayLog in
            let daemon = try DaemonHarness()
            try daemon.start()
            defer { daemon.cleanUp() }
            let url = server.url("/relay.opus")
            let reply = try daemon.json(["play", "--stream", url, "--duration", "6s"]) as? [String: Any]
            let id = try #require(reply?["play_id"] as? String)
            var aired: [String: Any]?
            _ = try daemon.wait(timeout: 90) {
                aired = try daemon.asRun().first {
                    $0["source"] as? String == "play:\(id)" && $0["outcome"] as? String == "aired"
                }
                return aired != nil
            }
            let entry = try #require(aired, "\(daemon.log)\n\(relayLog())")
            #expect((entry["reason"] as? String)?.contains("playing \(url) (primary) (started)") == true, "\(entry)")
            #expect((entry["reason"] as? String)?.contains("fallback") == false, "\(entry)")
            let heard = try Signals.readRawS16(path: daemon.capture)
            let start = min(heard.count, 3 * 48_000)
            let middle = Array(heard[start..<min(heard.count, start + 48_000)])
            #expect(middle.count == 48_000)
            #expect(Signals.power(at: 440, in: middle, sampleRate: 48_000)
                    > 100 * Signals.power(at: 1_000, in: middle, sampleRate: 48_000))
        }
    }

    /// Our reader on the gateway's mount: it goes on air and 1 s of what it gives is 440 Hz.
    private func readerPlays(_ server: IcecastServer, _ relayLog: () -> String) throws {
        let events = EventLog()
        let reader = StreamReader(configuration: StreamConfiguration(urls: [server.url("/relay.opus")]),
                                  logger: Logger(label: "test.stream"), onEvent: events.sink)
        reader.start()
        defer { reader.stop() }
        #expect(events.waitForSwitch(to: { if case .url(0, _) = $0 { true } else { false } }) != nil,
                "\(events.failureCodes) \(relayLog())")
        var heard: [Float] = []
        var period = [Float](repeating: 0, count: 960)
        _ = Poll.until(timeout: 30, every: 0.02) {
            period.withUnsafeMutableBufferPointer { _ = reader.pull(into: $0) }
            if period.contains(where: { $0 != 0 }) { heard += period }
            return heard.count >= 48_000
        }
        try #require(heard.count >= 48_000)
        #expect(Signals.power(at: 440, in: heard, sampleRate: 48_000)
                > 100 * Signals.power(at: 1_000, in: heard, sampleRate: 48_000))
    }
}
