import CommuneCastTesting
import Foundation
import Testing

/// A site newer than the CLI: a proxy between the CLI and a real daemon rewrites every reply as a later release
/// might send it (values this CLI does not know, fields it has never seen), as docs/protocol.md allows.
@Suite("communecast against a newer site: a real daemon's replies altered in transit", .serialized)
struct DaemonCompatibilityTests {
    /// The relay's hook: calls pass unchanged, each reply's parameters are rewritten.
    static let newerReplies = #"""
        import json
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

        def on_reply(message):
            reply = json.loads(message)
            if "error" not in reply:
                reply["parameters"] = alter(reply.get("parameters", {}))
            return json.dumps(reply).encode()
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
        let relay = try VarlinkRelay(path: socket, upstream: daemon.socket, hooks: Self.newerReplies)
        defer { relay.stop() }
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
