import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd --check-config with a TLS listener")
struct DaemonTLSConfigurationTests {
    static var daemon: String { BuiltProducts.path(of: "communecastd") }

    /// A directory with `trust/` holding the test site's certificate, key, client CA and an ACL.
    static func trustDirectory() throws -> TemporaryDirectory {
        let pki = try TestPKI.shared()
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("trust"), withIntermediateDirectories: true)
        for (source, target) in [("test-site.pem", "site.pem"), ("test-site.key", "site.key"),
                                 ("province-ca.pem", "province-ca.pem")] {
            try FileManager.default.copyItem(atPath: pki.file(source), toPath: directory.file("trust/\(target)"))
        }
        try TLSSite.defaultACL(pki).write(toFile: directory.file("trust/acl.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("the tls: keys, with paths relative to the configuration file, are read and summarised")
    func keys() throws {
        let directory = try Self.trustDirectory()
        defer { directory.remove() }
        try """
            tls:
              listen: "[::]:7420"
              cert: trust/site.pem
              key: trust/site.key
              client_ca: trust/province-ca.pem
              acl: trust/acl.yaml
              handshake_timeout_s: 5
            """.write(toFile: directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run("/bin/sh", [
            "-c", "cd / && exec \"$0\" --check-config --config \"$1\"", Self.daemon,
            directory.file("communecastd.yaml"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let acl = directory.file("trust/acl.yaml")
        #expect(result.standardOutput.contains(
            "tls [::]:7420, handshake timeout 5.0 seconds, acl \(acl) (3 by CN, 1 by fingerprint, 1 revoked)"
        ), "\(result.standardOutput)")
    }

    @Test("the flags alone configure the listener, and override the file key by key")
    func flags() throws {
        let directory = try Self.trustDirectory()
        defer { directory.remove() }
        let trust = directory.file("trust")
        let result = try ProcessRunner.run(Self.daemon, [
            "--check-config", "--tls-listen", "127.0.0.1:7421", "--tls-cert", "\(trust)/site.pem",
            "--tls-key", "\(trust)/site.key", "--tls-client-ca", "\(trust)/province-ca.pem",
            "--acl", "\(trust)/acl.yaml",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("tls 127.0.0.1:7421, handshake timeout 10.0 seconds"))
        let none = try ProcessRunner.run(Self.daemon, ["--check-config"])
        #expect(none.standardOutput.contains("tls off"))
    }

    @Test("missing settings, unknown keys, bad files and a bad ACL are reported with what to fix; exit status 1")
    func problems() throws {
        let directory = try Self.trustDirectory()
        defer { directory.remove() }
        let pki = try TestPKI.shared()
        let trust = directory.file("trust")
        let flags = ["--tls-listen", "127.0.0.1:7420", "--tls-cert", "\(trust)/site.pem", "--tls-key",
                     "\(trust)/site.key", "--tls-client-ca", "\(trust)/province-ca.pem", "--acl", "\(trust)/acl.yaml"]
        func check(_ arguments: [String], _ expected: String) throws {
            let result = try ProcessRunner.run(Self.daemon, ["--check-config"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains(expected), "\(result.standardError)")
        }
        try check(Array(flags.prefix(6)),
                  "the TLS listener 127.0.0.1:7420 also needs tls.client_ca (--tls-client-ca), tls.acl (--acl)")
        try check(Array(flags.dropFirst(2)), "given without tls.listen (--tls-listen)")
        try check(flags + ["--tls-listen", "7420"], "'7420' is not HOST:PORT")
        try check(flags + ["--tls-cert", "\(trust)/nothing.pem"],
                  "cannot use \(trust)/nothing.pem for TLS: the site certificate file does not exist")
        try check(flags + ["--tls-key", pki.file("elsewhere.key")], "does not go with the certificate")
        try "clients:\n  - {cn: a, role: boss}\n"
            .write(toFile: "\(trust)/bad-acl.yaml", atomically: true, encoding: .utf8)
        try check(flags + ["--acl", "\(trust)/bad-acl.yaml"],
                  "\(trust)/bad-acl.yaml:2: clients[0].role: 'boss' is not one of monitor, operator, provincial, admin")

        try "tls:\n  listen: 127.0.0.1:7420\n  ca: x.pem\n  handshake_timeout_s: 0\n"
            .write(toFile: directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
        let located = try ProcessRunner.run(
            Self.daemon, ["--check-config", "--config", directory.file("communecastd.yaml")]
        )
        #expect(located.status == 1)
        #expect(located.standardError.contains("communecastd.yaml:3: tls.ca: unknown key"), "\(located.standardError)")
        #expect(located.standardError.contains(
            "communecastd.yaml:4: tls.handshake_timeout_s: 0.0 seconds is out of range"
        ))
    }
}
