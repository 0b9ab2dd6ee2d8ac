import CommuneCastTesting
import Foundation
import Testing

/// What a text alert costs on the wire (issue 16): the CLI's bytes to the site, counted by a relay on the control
/// socket, for a 60-second bulletin sent as text and as our Ogg Opus.
@Suite("communecastd: a text alert's size on the wire", .serialized)
struct DaemonTextWireTests {
    /// The relay's hook: one line per message the client sends, the method and the message's size in bytes,
    /// terminator included, appended to the file named by the relay's first argument.
    static let counting = #"""
        import re
        lock = threading.Lock()

        def on_call(message):
            method = re.search(rb'"method"\s*:\s*"([^"]+)"', message)
            with lock, open(ARGS[0], "a") as log:
                log.write("%s %d\n" % (method.group(1).decode() if method else "?", len(message) + 1))
        """#

    /// The messages the relay saw, in order.
    static func messages(_ path: String) -> [(method: String, bytes: Int)] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let bytes = Int(parts[1]) else { return nil }
            return (String(parts[0]), bytes)
        }
    }

    /// Runs `body` with the relay listening at `listen` and logging to `log`, then stops the relay.
    static func withRelay<T>(
        _ daemon: DaemonHarness, listen: String, log: String, _ body: () throws -> T
    ) throws -> T {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let relay = try VarlinkRelay(path: listen, upstream: daemon.socket, hooks: counting, arguments: [log])
        defer { relay.stop() }
        return try body()
    }

    @Test("a 60-second bulletin pushed as text is under 2 KB on the wire; as Opus media it needs an upload of its audio")
    func wireSize() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let bulletin = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench/bulletin-60s.txt").path
        let listen = daemon.directory.file("relay.sock")
        let viaRelay = ["--connect", "unix:\(listen)"]
        let options = ["--level", "priority", "--status", "test", "--no-tone"] + viaRelay

        let textLog = daemon.directory.file("text.log")
        let text = try Self.withRelay(daemon, listen: listen, log: textLog) {
            try daemon.cli(["alert", "push", "--text-file", bulletin, "--id", "bao-text"] + options)
        }
        #expect(text.status == 0, "\(text.standardError)")
        let spoken = try #require(Self.messages(textLog).first { $0.method.hasSuffix(".PushAlert") })

        let opus = daemon.directory.file("bulletin.opus")
        let speak = try daemon.cli(["media", "speak", "--text-file", bulletin, opus])
        #expect(speak.status == 0, "\(speak.standardError)")
        let mediaLog = daemon.directory.file("media.log")
        let media = try Self.withRelay(daemon, listen: listen, log: mediaLog) {
            try daemon.cli(["alert", "push", opus, "--id", "bao-media"] + options)
        }
        #expect(media.status == 0, "\(media.standardError)")
        let sent = Self.messages(mediaLog)
        let upload = try #require(sent.first { $0.method.hasSuffix(".UploadMedia") })
        let push = try #require(sent.first { $0.method.hasSuffix(".PushAlert") })
        let opusBytes = (try FileManager.default.attributesOfItem(atPath: opus)[.size] as? Int) ?? 0

        print("wire: text PushAlert \(spoken.bytes) B; media UploadMedia \(upload.bytes) B + PushAlert "
              + "\(push.bytes) B (Opus file \(opusBytes) B)")
        #expect(spoken.bytes < 2_048, "the text alert took \(spoken.bytes) bytes")
        #expect(upload.bytes > opusBytes, "the upload carries the file in base64")
        #expect(upload.bytes + push.bytes > 40 * spoken.bytes)
    }
}
