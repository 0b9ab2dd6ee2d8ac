import CommuneCastTesting
import Foundation
import Testing

/// A site newer than the CLI: a proxy between the CLI and a real daemon rewrites every reply as a later release
/// might send it (values this CLI does not know, fields it has never seen), as docs/protocol.md allows.
@Suite("communecast against a newer site: a real daemon's replies altered in transit", .serialized)
struct DaemonCompatibilityTests {
    /// The proxy: relays calls unchanged and rewrites each reply's parameters.
    static let proxy = #"""
        import json, socket, sys, threading
        listen_path, upstream_path = sys.argv[1], sys.argv[2]
        NEWER = (("outcome", "aired", "rebroadcast"), ("state", "done", "superseded"), ("state", "ok", "sleeping"),
                 ("level", "emergency", "critical"))

        def alter(value):
            if isinstance(value, dict):
                out = {key: alter(item) for key, item in value.items()}
                for key, old, new in NEWER:
                    if out.get(key) == old:
                        out[key] = new
                out["from_the_future"] = {"note": "a field this CLI does not know", "n": [1, 2]}
                return out
            if isinstance(value, list):
                return [alter(item) for item in value]
            return value

        def pump(source, sink, rewrite):
            pending = b""
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    if not rewrite:
                        sink.sendall(data)
                        continue
                    pending += data
                    while b"\0" in pending:
                        message, pending = pending.split(b"\0", 1)
                        reply = json.loads(message)
                        if "error" not in reply:
                            reply["parameters"] = alter(reply.get("parameters", {}))
                        sink.sendall(json.dumps(reply).encode() + b"\0")
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        def serve(client):
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(upstream_path)
            threading.Thread(target=pump, args=(client, upstream, False), daemon=True).start()
            pump(upstream, client, True)
            client.close()
            upstream.close()

        server = socket.socket(socket.AF_UNIX)
        server.bind(listen_path)
        server.listen(16)
        while True:
            client, _ = server.accept()
            threading.Thread(target=serve, args=(client,), daemon=True).start()
        """#

    @Test("log, alert list and health show the values they do not know as text and ignore the unknown fields")
    func newerSite() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let audio = try MediaFixtures.sine(frequency: 660, seconds: 0.3, at: daemon.directory.file("tin.opus"))
        #expect(try daemon.cli(["media", "upload", audio, "--name", "tin"]).status == 0)
        #expect(try daemon.cli(["alert", "push", "--media", "tin", "--id", "bao-1", "--no-tone"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "alert:bao-1") == ["aired"] })
        #expect(try daemon.wait {
            (try daemon.json(["alert", "list"]) as? [[String: Any]])?.first?["state"] as? String == "done"
        })

        let socket = daemon.directory.file("newer.sock")
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        proxy.arguments = ["-c", Self.proxy, socket, daemon.socket]
        try proxy.run()
        defer {
            // SIGKILL: the test process's threads may block SIGTERM, and a child inherits that mask.
            kill(proxy.processIdentifier, SIGKILL)
            proxy.waitUntilExit()
        }
        #expect(daemon.wait { RawUnixSocket.canConnect(socket) }, "the proxy did not start")
        func newer(_ arguments: [String]) throws -> ProcessRunner.Output {
            try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments + ["--connect", "unix:\(socket)"])
        }

        let log = try newer(["log"])
        #expect(log.status == 0, "\(log.standardError)")
        #expect(log.standardOutput.contains("rebroadcast") && log.standardOutput.contains("critical"),
                "\(log.standardOutput)")
        let csv = try newer(["log", "--csv"])
        #expect(csv.status == 0 && csv.standardOutput.contains(",rebroadcast,"), "\(csv.standardOutput)")
        let json = try newer(["log", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
            as? [[String: Any]])
        #expect(entries.first?["outcome"] as? String == "rebroadcast")
        #expect(entries.first?["level"] as? String == "critical")

        let alerts = try newer(["alert", "list"])
        #expect(alerts.status == 0 && alerts.standardOutput.contains("superseded"), "\(alerts.standardError)")
        let health = try newer(["health"])
        #expect(health.status == 0 && health.standardOutput.contains("device      sleeping"), "\(health.standardError)")

        // Straight to the daemon, the same commands show what it really sent.
        #expect(try daemon.cli(["log"]).standardOutput.contains(" aired"))
        #expect(try daemon.cli(["alert", "list"]).standardOutput.contains("done"))
    }
}
