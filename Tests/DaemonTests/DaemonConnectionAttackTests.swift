import CommuneCastTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12's attacks on the control server, through the real daemon: connections that never start TLS, and messages
/// and handshakes sent a byte at a time.
@Suite("communecastd under attack: connection budgets and message arrival", .serialized)
struct DaemonConnectionAttackTests {
    @Test("70 idle TCP connections to the TLS port, reopened as they close, starve neither the Unix socket nor TLS")
    func idleConnectionsToTheTLSPort() throws {
        let site = try TLSSite(limits: ["refusal_log_interval_s: 1"])
        defer { site.cleanUp() }
        let start = Date()
        // The attacker's own address, so the test's clients (127.0.0.1) are not the attacker's per-address share.
        let flood = try IdleTCPFlood(port: site.port, count: 70, source: "127.0.0.2")
        defer { flood.stop() }
        // Until the site has closed the first of the refused connections, the attack has not yet been seen.
        #expect(site.daemon.wait { flood.closedByServer >= 62 }, "\(flood.closedByServer) closed")
        for call in 0..<10 {
            let local = try site.daemon.cli(["health"])
            #expect(local.status == 0, "Unix call \(call): \(local.standardError)")
            let remote = try site.cli(["health"], as: "so-tt-an-giang")
            #expect(remote.status == 0, "TLS call \(call): \(remote.standardError)")
        }
        // A summary line counts the refusals of each interval: the log grows by a line a second, not one a refusal.
        #expect(site.daemon.wait { site.daemon.log.contains("refused connections: their budgets were full") })
        let refusalLines = site.daemon.log.split(separator: "\n").filter {
            $0.contains("refusing connection") || $0.contains("refused connections")
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(refusalLines.count <= Int(elapsed) + 2, "\(refusalLines.count) lines in \(elapsed) s")
        #expect(flood.opened > 70, "the attacker reconnected \(flood.opened - 70) times")
        #expect(refusalLines.first?.contains("handshakes from this address") == true, "\(refusalLines.first ?? "")")
        #expect(!site.daemon.log.contains("too many open connections"))
    }

    @Test("a message sent a byte at a time is closed at the message bound, though the idle timeout is far off")
    func tricklingMessage() throws {
        let daemon = try DaemonHarness(idleTimeout: 60, limits: ["message_timeout_s: 1"])
        defer { daemon.cleanUp() }
        try daemon.start()
        let socket = try RawUnixSocket(path: daemon.socket)
        let message = Array(#"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#.utf8)
        let start = Date()
        var sent = 0
        // A byte every 200 ms; the whole message would take 11 s, and each byte comes long before the idle timeout.
        while sent < message.count - 1, socket.send([message[sent]]) {
            sent += 1
            if socket.isClosed(within: 0.2) { break }
        }
        let waited = Date().timeIntervalSince(start)
        #expect(sent < message.count - 1, "the whole message but its last byte was sent without the site closing")
        #expect(socket.isClosed(within: 60))
        #expect(waited >= 0.9 && waited < 30, "closed after \(waited) s")
        #expect(daemon.wait { daemon.log.contains("a message did not arrive whole in time") })
        #expect(try daemon.cli(["health"]).status == 0)
    }

    @Test("a TLS handshake sent a byte at a time is closed at the handshake timeout")
    func tricklingHandshake() throws {
        let site = try TLSSite(handshakeTimeout: 1)
        defer { site.cleanUp() }
        // The first bytes of a TLS 1.3 ClientHello record, one every 100 ms, for up to a minute.
        let script = """
            import socket, sys, time
            hello = bytes.fromhex("16030100f8010000f40303") + bytes(range(32)) * 8
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            start = time.monotonic()
            for byte in hello:
                try:
                    s.send(bytes([byte]))
                except OSError:
                    break
                s.settimeout(0.1)
                try:
                    if s.recv(100) == b"":
                        break
                except socket.timeout:
                    continue
                except OSError:
                    break
            print(round(time.monotonic() - start, 2))
            """
        let output = try ProcessRunner.run("/usr/bin/python3", ["-c", script, "\(site.port)"])
        let waited = try #require(Double(output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)),
                                  "\(output.standardError)")
        #expect(waited >= 0.9 && waited < 20, "closed after \(waited) s of trickling")
        #expect(site.daemon.wait { site.daemon.log.contains("did not complete the TLS handshake within") })
    }
}
