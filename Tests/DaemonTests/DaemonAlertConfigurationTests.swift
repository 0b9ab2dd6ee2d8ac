import CommuneCastTesting
import Foundation
import Testing

/// The `alerts:` keys of issue 14 through `communecastd --check-config`: defaults from `tls:`, the CA and the ACL
/// actually read, and every mistake named with its key.
@Suite("communecastd --check-config: alerts")
struct DaemonAlertConfigurationTests {
    private static func check(_ yaml: String, in directory: TemporaryDirectory) throws -> ProcessRunner.Output {
        try yaml.write(toFile: directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
        return try ProcessRunner.run(BuiltProducts.path(of: "communecastd"),
                                     ["--check-config", "--config", directory.file("communecastd.yaml")])
    }

    @Test("the CA and ACL default to the TLS ones and are read; the policy keys are shown")
    func defaultsFromTLS() throws {
        let directory = try DaemonTLSConfigurationTests.trustDirectory()
        defer { directory.remove() }
        let result = try Self.check("""
            tls:
              listen: "127.0.0.1:7420"
              cert: trust/site.pem
              key: trust/site.key
              client_ca: trust/province-ca.pem
              acl: trust/acl.yaml
            alerts:
              tags: [ven-song]
              areas: ["30292", "886"]
              window_past_s: 300
              people: {emergency_actual: 3, priority_actual: 2}
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("signed alerts: CA CN=") && out.contains(directory.file("trust/province-ca.pem")), "\(out)")
        #expect(out.contains("(3 by CN, 1 by fingerprint, 1 revoked)"), "\(out)")
        #expect(out.contains("tags [ven-song], areas [30292, 886]; window -300/+120 s"), "\(out)")
        #expect(out.contains("emergency actual: 3") && out.contains("priority actual: 2"), "\(out)")
        #expect(out.contains("unsigned PushAlert over TLS refused"), "\(out)")
    }

    @Test("without a CA signed alerts are refused; the switch is shown when on")
    func noTrust() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try Self.check("alerts: {accept_unsigned_over_tls: true}\n", in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("signed alerts refused"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("unsigned PushAlert over TLS ACCEPTED (transitional)"))
    }

    @Test("a bad value, an unknown key, a CA without an ACL and an unreadable CA are each refused by name")
    func mistakes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let range = try Self.check("alerts: {window_past_s: 5, colour: red}\n", in: directory)
        #expect(range.status != 0)
        #expect(range.standardError.contains("window_past_s"), "\(range.standardError)")
        #expect(range.standardError.contains("colour"), "\(range.standardError)")
        let people = try Self.check("alerts: {people: {emergency_actaul: 2}}\n", in: directory)
        #expect(people.status != 0 && people.standardError.contains("emergency_actaul"), "\(people.standardError)")
        let alone = try Self.check("alerts: {trust_ca: /nonexistent/ca.pem}\n", in: directory)
        #expect(alone.status != 0 && alone.standardError.contains("alerts.acl"), "\(alone.standardError)")
        try "clients: []\n".write(toFile: directory.file("acl.yaml"), atomically: true, encoding: .utf8)
        let missing = try Self.check("alerts: {trust_ca: ca.pem, acl: acl.yaml}\n", in: directory)
        #expect(missing.status != 0 && missing.standardError.contains(directory.file("ca.pem")),
                "\(missing.standardError)")
    }
}
