import CommuneCastTesting
import Foundation
import PEMFiles
import Testing

@Suite("PEMFiles: certificates and keys for TLS, with errors naming the file and its role")
struct PEMFilesTests {
    @Test("a certificate chain and a key made by openssl are read")
    func readsWhatOpenSSLMakes() throws {
        let pki = try TestPKI.shared()
        #expect(try PEMFiles.certificates(at: pki.file("test-site.pem"), role: "site certificate").count >= 1)
        _ = try PEMFiles.privateKey(at: pki.file("test-site.key"), role: "site key")
    }

    @Test("a missing file, a key given as a certificate and a certificate given as a key are each named")
    func namesTheFileAndRole() throws {
        let pki = try TestPKI.shared()
        let missing = pki.file("nothing.pem")
        #expect(throws: PEMFileError(path: missing, reason: "the client CA file does not exist")) {
            try PEMFiles.certificates(at: missing, role: "client CA")
        }
        let key = pki.file("test-site.key")
        do {
            _ = try PEMFiles.certificates(at: key, role: "site certificate")
            Issue.record("a key was read as a certificate")
        } catch {
            #expect(error.path == key)
            #expect(error.reason.hasPrefix("the site certificate "))
        }
        let certificate = pki.file("test-site.pem")
        do {
            _ = try PEMFiles.privateKey(at: certificate, role: "site key")
            Issue.record("a certificate was read as a key")
        } catch {
            #expect(error.path == certificate)
            #expect(error.reason.hasPrefix("the site key is not a PEM private key"))
        }
    }

    @Test("an empty file holds no certificate")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let empty = directory.file("empty.pem")
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(throws: PEMFileError.self) { try PEMFiles.certificates(at: empty, role: "CA certificate (--ca)") }
    }
}
