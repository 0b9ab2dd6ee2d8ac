import CommuneCastTesting
import Foundation
import Testing

/// A daemon with a TLS listener on a loopback port, its ACL in a file the test may rewrite, driven by the real CLI.
final class TLSSite {
    let pki: TestPKI
    let daemon: DaemonHarness
    let acl: String
    let port: Int

    /// The default ACL: a provincial and an operator by CN, a monitor by fingerprint, and a revoked certificate
    /// whose CN is listed.
    static func defaultACL(_ pki: TestPKI) throws -> String {
        """
        clients:
          - {cn: so-tt-an-giang, role: provincial}
          - {cn: can-bo-xa-an-phu, role: operator}
          - {sha256: "\(try pki.fingerprint("giam-sat"))", role: monitor}
          - {cn: revoked-staff, role: provincial}
        revoked:
          - "\(try pki.fingerprint("revoked-staff"))"
        """
    }

    /// `limits` is YAML for the keys of `limits:` beside the harness's idle timeout, indented by two spaces;
    /// `extraConfiguration` is appended to the daemon's configuration after the `tls:` keys. These sites take
    /// unsigned `PushAlert` over TLS (issue 14's transitional switch), as the tests of roles, issuers and fan-out
    /// that use them predate signed alerts; `acceptUnsignedAlerts: false` gives a site on the default, which
    /// refuses them.
    init(handshakeTimeout: Double = 10, limits: [String] = [], extraConfiguration: String = "",
         acceptUnsignedAlerts: Bool = true, acl aclText: String? = nil) throws {
        pki = try TestPKI.shared()
        let aclDirectory = try TemporaryDirectory(prefix: "communecast-acl")
        acl = aclDirectory.file("acl.yaml")
        try (aclText ?? Self.defaultACL(pki)).write(toFile: acl, atomically: true, encoding: .utf8)
        var tls = DaemonHarness.tlsConfiguration(pki: pki, acl: acl, handshakeTimeout: handshakeTimeout)
        if acceptUnsignedAlerts { tls += "\nalerts:\n  accept_unsigned_over_tls: true" }
        daemon = try DaemonHarness(limits: limits, extraConfiguration: tls + "\n" + extraConfiguration)
        try daemon.start()
        port = try daemon.tlsPort()
    }

    /// Runs `communecast ARGUMENTS --connect tls:127.0.0.1:PORT` with the credentials of client `name`.
    func cli(_ arguments: [String], as name: String?, ca: String = "province-ca.pem",
             host: String = "127.0.0.1") throws -> ProcessRunner.Output {
        var credentials = ["--ca", pki.file(ca)]
        if let name { credentials += ["--cert", pki.file("\(name).pem"), "--key", pki.file("\(name).key")] }
        return try daemon.cli(arguments + ["--connect", "tls:\(host):\(port)"] + credentials)
    }

    func cleanUp() {
        daemon.cleanUp()
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: acl).deletingLastPathComponent().path)
    }
}

@Suite("communecastd over mutual TLS, driven by the real CLI", .serialized)
struct DaemonTLSTests {
    @Test("a monitor cannot push an alert, an operator cannot push an emergency, a provincial user can; all audited")
    func roles() throws {
        let site = try TLSSite()
        defer { site.cleanUp() }
        let wav = site.daemon.directory.file("bao.wav")
        try WAVWriter.write(Signals.sine(frequency: 600, seconds: 0.3, sampleRate: 16_000), to: wav, sampleRate: 16_000)
        #expect(try site.daemon.cli(["media", "upload", wav, "--name", "bao"]).status == 0)

        let health = try site.cli(["health"], as: "giam-sat")
        #expect(health.status == 0, "\(health.standardError)")
        #expect(health.standardOutput.contains("site        test-site"))
        let push = ["alert", "push", "--media", "bao", "--no-tone", "--status", "test"]
        let monitorPush = try site.cli(push + ["--id", "m-1", "--level", "priority"], as: "giam-sat")
        #expect(monitorPush.status == 1)
        #expect(monitorPush.standardError.contains("permission denied"))
        let operatorEmergency = try site.cli(push + ["--id", "o-1"], as: "can-bo-xa-an-phu")
        #expect(operatorEmergency.status == 1)
        #expect(operatorEmergency.standardError.contains("permission denied: PushAlert needs the provincial role"),
                "\(operatorEmergency.standardError)")
        let operatorPriority = try site.cli(push + ["--id", "o-2", "--level", "priority"], as: "can-bo-xa-an-phu")
        #expect(operatorPriority.status == 0, "\(operatorPriority.standardError)")
        let provincial = try site.cli(push + ["--id", "p-1", "--json"], as: "so-tt-an-giang")
        #expect(provincial.status == 0, "\(provincial.standardError)")
        #expect(provincial.standardOutput.contains(#""level" : "emergency""#)
                || provincial.standardOutput.contains(#""level":"emergency""#), "\(provincial.standardOutput)")

        let alerts = try site.cli(["alert", "list", "--json"], as: "giam-sat").standardOutput
        #expect(alerts.contains("o-2") && alerts.contains("p-1"))
        #expect(!alerts.contains("m-1") && !alerts.contains("o-1"))

        let subject = { (name: String) in "tls subject=CN=\(name),O=CommuneCast Test,C=VN sha256=" }
        let audit = try site.daemon.auditRows().filter { $0.contains("PushAlert") }
        let expected = [
            subject("giam-sat") + "\(try site.pki.fingerprint("giam-sat")) role=monitor|monitor|"
                + "io.communecast.Site.PushAlert|org.varlink.service.PermissionDenied",
            subject("can-bo-xa-an-phu") + "\(try site.pki.fingerprint("can-bo-xa-an-phu")) role=operator|operator|"
                + "io.communecast.Site.PushAlert|org.varlink.service.PermissionDenied",
            subject("can-bo-xa-an-phu") + "\(try site.pki.fingerprint("can-bo-xa-an-phu")) role=operator|operator|"
                + "io.communecast.Site.PushAlert|ok",
            subject("so-tt-an-giang") + "\(try site.pki.fingerprint("so-tt-an-giang")) role=provincial|provincial|"
                + "io.communecast.Site.PushAlert|ok",
        ]
        #expect(audit == expected)
    }

    @Test("no certificate, another CA's, an expired or a not-yet-valid one: the handshake fails and no call is served")
    func handshakeRefusals() throws {
        let site = try TLSSite()
        defer { site.cleanUp() }
        let cases: [(String?, String)] = [
            (nil, "the site requires a client certificate; give --cert and --key"),
            ("other/intruder", "the site refused our certificate: it is not signed by the CA the site trusts"),
            ("expired", "the site refused our certificate: it has expired or is not valid yet"),
            ("not-yet-valid", "the site refused our certificate: it has expired or is not valid yet"),
        ]
        for (name, message) in cases {
            let result = try site.cli(["stop"], as: name)
            #expect(result.status == 1, "\(name ?? "no certificate")")
            #expect(result.standardError.contains(message), "\(name ?? "no certificate"): \(result.standardError)")
        }
        // The daemon logs a refusal once its connection task has the handshake's outcome, which may be after the
        // CLI has already read the alert and exited.
        func refusals() -> Int { site.daemon.log.components(separatedBy: "refused TLS connection").count - 1 }
        #expect(site.daemon.wait { refusals() >= cases.count }, "\(site.daemon.log)")
        #expect(refusals() == cases.count, "\(site.daemon.log)")
        #expect(site.daemon.log.contains("the client presented no certificate"))
        #expect(site.daemon.log.contains("not signed by the client CA, has expired or is not yet valid"))
        #expect(try site.daemon.auditRows().isEmpty, "a refused handshake never reaches a call")
        #expect(try site.cli(["health"], as: "giam-sat").status == 0)
    }

    @Test("the CLI refuses a site certificate that another CA signed, and will not dial tls: without --ca")
    func siteCertificateChecks() throws {
        let site = try TLSSite()
        defer { site.cleanUp() }
        let wrongCA = try site.cli(["health"], as: "giam-sat", ca: "other/province-ca.pem")
        #expect(wrongCA.status == 1)
        #expect(wrongCA.standardError.contains("the site's certificate is not signed by the CA in --ca"),
                "\(wrongCA.standardError)")
        let missingCA = try site.daemon.cli(["health", "--connect", "tls:127.0.0.1:\(site.port)"])
        #expect(missingCA.status == 2)
        #expect(missingCA.standardError.contains("needs --ca"))
    }

    @Test("removing a fingerprint from the ACL, or listing it as revoked, refuses the client at its next call")
    func revocation() throws {
        let site = try TLSSite()
        defer { site.cleanUp() }
        #expect(try site.cli(["health"], as: "giam-sat").status == 0)
        let revokedByList = try site.cli(["health"], as: "revoked-staff")
        #expect(revokedByList.status == 1)
        #expect(revokedByList.standardError.contains("permission denied"))
        let unlisted = try site.cli(["stop"], as: "unlisted")
        #expect(unlisted.status == 1)
        #expect(unlisted.standardError.contains("permission denied"))

        let fingerprint = try site.pki.fingerprint("giam-sat")
        let withoutMonitor = try TLSSite.defaultACL(site.pki)
            .split(separator: "\n").filter { !$0.contains(fingerprint) }.joined(separator: "\n")
        try withoutMonitor.write(toFile: site.acl, atomically: true, encoding: .utf8)
        let revoked = try site.cli(["health"], as: "giam-sat")
        #expect(revoked.status == 1)
        #expect(revoked.standardError.contains("permission denied"), "\(revoked.standardError)")
        #expect(try site.cli(["health"], as: "so-tt-an-giang").status == 0, "other clients keep their roles")
        #expect(site.daemon.log.contains("reloaded the TLS client ACL"))

        let audit = try site.daemon.auditRows()
        #expect(audit.contains { $0.contains("CN=unlisted") && $0.contains("role=none|none|io.communecast.Site.Stop") })
        #expect(audit.contains { $0.contains("sha256=\(fingerprint) role=none") && $0.contains("PermissionDenied") })

        try "clients: [{cn: so-tt-an-giang, role: boss}]".write(toFile: site.acl, atomically: true, encoding: .utf8)
        let invalid = try site.cli(["health"], as: "so-tt-an-giang")
        #expect(invalid.status == 1, "an invalid ACL refuses everyone")
        #expect(site.daemon.log.contains("the TLS client ACL is invalid"))
        #expect(try site.daemon.cli(["health"]).status == 0, "the Unix socket is not affected")
    }

    @Test("a TLS client that never starts the handshake is closed at the handshake timeout; the Unix socket serves")
    func handshakeTimeout() throws {
        let site = try TLSSite(handshakeTimeout: 0.5)
        defer { site.cleanUp() }
        let script = """
            import socket, sys, time
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.settimeout(60)
            start = time.monotonic()
            data = s.recv(100)
            print(round(time.monotonic() - start, 2), len(data))
            """
        let output = try ProcessRunner.run("/usr/bin/python3", ["-c", script, "\(site.port)"])
        let fields = output.standardOutput.split(separator: " ")
        let waited = try #require(Double(fields.first ?? ""), "\(output.standardError)")
        #expect(waited >= 0.4 && waited < 30, "closed after \(waited) s; the idle timeout is 60 s")
        #expect(fields.last == "0\n", "closed without a byte")
        #expect(site.daemon.log.contains("did not complete the TLS handshake within"))
        #expect(try site.daemon.cli(["health"]).status == 0)
    }
}
