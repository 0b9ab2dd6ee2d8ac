import ControlProtocol
import ControlServer
import Daemon
import Testing
import YAMLSupport

@Suite("The TLS client ACL file")
struct ClientACLTests {
    static let fingerprintA = (0..<32).map { _ in "AB" }.joined(separator: ":")
    static let fingerprintB = (0..<32).map { _ in "0C" }.joined(separator: ":")

    static func client(_ commonName: String?, _ fingerprint: String) -> ClientCertificate {
        ClientCertificate(commonName: commonName, fingerprint: fingerprint, subject: "CN=\(commonName ?? "")")
    }

    @Test("CN and fingerprint entries grant roles; a fingerprint wins over a CN; revoked wins over both")
    func lookup() throws {
        let acl = try ClientACL.parse("""
            clients:
              - {cn: "so-tt-an-giang", role: provincial}
              - {cn: can-bo-xa-an-phu, role: operator}
              - {sha256: "\(Self.fingerprintA.lowercased())", role: monitor}
            revoked:
              - "sha256 Fingerprint=\(Self.fingerprintB)"
            """, file: "acl.yaml")
        #expect(acl.role(for: Self.client("so-tt-an-giang", "00")) == .provincial)
        #expect(acl.role(for: Self.client("can-bo-xa-an-phu", "00")) == .operator)
        #expect(acl.role(for: Self.client("so-tt-an-giang", Self.fingerprintA)) == .monitor)
        #expect(acl.role(for: Self.client(nil, Self.fingerprintA)) == .monitor)
        #expect(acl.role(for: Self.client("so-tt-an-giang", Self.fingerprintB)) == nil)
        #expect(acl.role(for: Self.client("So-TT-An-Giang", "00")) == nil, "CNs match exactly")
        #expect(acl.role(for: Self.client("unknown", "00")) == nil)
        #expect(acl.revoked == [Self.fingerprintB])
    }

    @Test("an empty file admits nobody")
    func empty() throws {
        let acl = try ClientACL.parse("", file: "acl.yaml")
        #expect(acl == ClientACL())
        #expect(acl.role(for: Self.client("so-tt-an-giang", Self.fingerprintA)) == nil)
    }

    @Test(
        "fingerprints are accepted in OpenSSL's form, lower case or without colons, and nothing else",
        arguments: [
            ("sha256 Fingerprint=" + fingerprintA, fingerprintA),
            (fingerprintA.lowercased(), fingerprintA),
            (fingerprintA.replacingOccurrences(of: ":", with: ""), fingerprintA),
            (String(fingerprintA.dropLast(3)), nil),
            (fingerprintA.replacingOccurrences(of: "AB", with: "XY"), nil),
            ("", nil),
        ]
    )
    func fingerprints(text: String, expected: String?) {
        #expect(ClientACL.normalisedFingerprint(text) == expected)
    }

    @Test(
        "every mistake is reported with file, line and key",
        arguments: [
            ("clients:\n  - {cn: a}\n", "acl.yaml:2: clients[0].role: missing; give one of monitor, operator"),
            ("clients:\n  - cn: a\n    role: superuser\n",
             "acl.yaml:3: clients[0].role: 'superuser' is not one of monitor, operator, provincial, admin"),
            ("clients:\n  - {role: monitor}\n", "acl.yaml:2: clients[0].cn: each client needs a cn"),
            ("clients:\n  - {cn: a, sha256: \"\(fingerprintA)\", role: monitor}\n",
             "acl.yaml:2: clients[0].sha256: give either cn or sha256, not both"),
            ("clients:\n  - sha256: \"AB:CD\"\n    role: monitor\n",
             "acl.yaml:2: clients[0].sha256: 'AB:CD' is not a SHA-256 fingerprint"),
            ("clients:\n  - {cn: a, role: monitor}\n  - {cn: a, role: admin}\n",
             "acl.yaml:3: clients[1].cn: this client is already listed at line 2"),
            ("clients:\n  - {cn: a, role: monitor, expires: 2026}\n", "acl.yaml:2: clients[0].expires: unknown key"),
            ("client:\n  - {cn: a, role: monitor}\n",
             "acl.yaml:2: client: unknown key; did you mean clients? known keys here are clients, revoked"),
            ("clients: {cn: a, role: monitor}\n", "acl.yaml:1: clients: expected a list"),
            ("revoked:\n  - \"AB\"\n", "acl.yaml:2: revoked: 'AB' is not a SHA-256 fingerprint"),
        ]
    )
    func located(text: String, expected: String) {
        do {
            _ = try ClientACL.parse(text, file: "acl.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}
