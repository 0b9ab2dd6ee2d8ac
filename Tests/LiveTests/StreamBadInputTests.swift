import CommuneCastTesting
import Foundation
import Logging
import StreamInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The bad inputs that need a server of their own: an MP3 mount fed by FFmpeg, and HTTPS with a certificate the
/// site does not trust (then trusted through `trustedCAFile`).
@Suite("StreamInput: an MP3 mount and TLS certificates", .serialized)
struct StreamBadInputTests {
    /// The failure codes a reader of `url` reports until its fallback goes on air.
    private func failures(_ url: String, trustedCAFile: String? = nil) -> [String] {
        let events = EventLog()
        let reader = StreamReader(
            configuration: StreamConfiguration(urls: [url], trustedCAFile: trustedCAFile),
            logger: Logger(label: "test.stream"), onEvent: events.sink
        )
        reader.start()
        let fallback = events.waitForSwitch(to: { if case .fallback = $0 { true } else { false } })
        reader.stop()
        #expect(fallback != nil, "\(url)")
        return events.failureCodes
    }

    @Test("an MP3 mount is an unsupported format")
    func mp3Mount() throws {
        let directory = try TemporaryDirectory(prefix: "mp3")
        defer { directory.remove() }
        let server = try IcecastServer(directory: directory)
        defer { server.stop() }
        let ffmpeg = try MP3Mount.start(on: server, directory: directory)
        defer { ServerProcess.end(ffmpeg) }
        #expect(failures(server.url("/radio.mp3")).first == "unsupported_format")
    }

    @Test("HTTPS with a certificate from an authority the site does not trust is a TLS failure; trusted, it connects")
    func untrustedCertificate() throws {
        let directory = try TemporaryDirectory(prefix: "tls")
        defer { directory.remove() }
        let pki = try TestPKI.shared()
        let port = try LoopbackPort.free()
        let server = try ServerProcess.launch("/usr/bin/openssl", [
            "s_server", "-accept", "127.0.0.1:\(port)", "-cert", pki.file("test-site.pem"), "-key",
            pki.file("test-site.key"), "-www", "-quiet",
        ], log: directory.file("s_server.log"))
        defer { ServerProcess.end(server) }
        try #require(Poll.until(timeout: 60) { LoopbackPort.accepts(port) })
        let url = "https://127.0.0.1:\(port)/live.opus"
        #expect(failures(url).first == "tls")
        // Trusted, the handshake succeeds and the answer (openssl's status page) is found not to be a stream.
        #expect(failures(url, trustedCAFile: pki.file("province-ca.pem")).first == "not_a_stream")
    }
}
