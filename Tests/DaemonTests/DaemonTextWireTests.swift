import CommuneCastTesting
import Foundation
import Testing

/// What a text alert costs on the wire (issue 16): the CLI's bytes to the site, counted by a relay on the control
/// socket, for a 60-second bulletin sent as text and as our Ogg Opus.
@Suite("communecastd: a text alert's size on the wire", .serialized)
struct DaemonTextWireTests {
    /// A Unix-socket relay that forwards both ways and writes one line per NUL-ended message the client sends:
    /// the method and the message's size in bytes, terminator included.
    static let relay = """
        import os, re, socket, sys, threading
        listen, target, out = sys.argv[1:4]
        server = socket.socket(socket.AF_UNIX)
        server.bind(listen)
        server.listen(8)
        lock = threading.Lock()
        def forward(source, sink, count):
            pending = b""
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
                if count:
                    pending += data
                    while b"\\0" in pending:
                        message, pending = pending.split(b"\\0", 1)
                        method = re.search(rb'"method"\\s*:\\s*"([^"]+)"', message)
                        with lock, open(out, "a") as log:
                            log.write("%s %d\\n" % (method.group(1).decode() if method else "?", len(message) + 1))
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        def serve(client):
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(target)
            threading.Thread(target=forward, args=(upstream, client, False), daemon=True).start()
            forward(client, upstream, True)
        while True:
            client, _ = server.accept()
            threading.Thread(target=serve, args=(client,), daemon=True).start()
        """

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
        let script = daemon.directory.file("relay.py")
        try relay.write(toFile: script, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: listen)
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, listen, daemon.socket, log]
        try process.run()
        defer {
            // SIGKILL: the test process's threads may block SIGTERM, and a child inherits that mask.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        guard daemon.wait(until: { FileManager.default.fileExists(atPath: listen) }) else {
            throw HarnessError("the relay did not listen at \(listen)")
        }
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
