import Foundation
import Synchronization

/// The certificates of the TLS tests, made once per test process by `scripts/make-test-pki.sh`, which runs the
/// `openssl` commands of `docs/security.md` as written. See the script for the files it makes.
public final class TestPKI: Sendable {
    /// The directory holding the certificates.
    public let directory: String

    private static let made = Mutex<Result<TestPKI, HarnessError>?>(nil)

    private init(directory: String) {
        self.directory = directory
    }

    /// The process's PKI, made on first use.
    public static func shared() throws -> TestPKI {
        try made.withLock { made in
            if made == nil { made = Result { () throws(HarnessError) in try make() } }
            return try made!.get()
        }
    }

    private static func make() throws(HarnessError) -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.path + "/communecast-pki-\(UUID().uuidString.prefix(8))"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/make-test-pki.sh").path
        let output: ProcessRunner.Output
        do {
            output = try ProcessRunner.run("bash", [script, directory])
        } catch {
            throw HarnessError("cannot run \(script): \(error)")
        }
        guard output.status == 0 else {
            throw HarnessError("\(script) failed (\(output.status)):\n\(output.standardError)")
        }
        return TestPKI(directory: directory)
    }

    /// `directory/name`.
    public func file(_ name: String) -> String { "\(directory)/\(name)" }

    /// The SHA-256 fingerprint `openssl x509 -fingerprint -sha256` printed for client `name`, as `AB:CD:…`.
    public func fingerprint(_ name: String) throws -> String {
        try String(contentsOfFile: file("\(name).sha256"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `--cert`, `--key` and `--ca` for client `name` (a path under the directory, such as `other/intruder`),
    /// trusting `ca` for the site's certificate.
    public func clientArguments(_ name: String, ca: String = "province-ca.pem") -> [String] {
        ["--cert", file("\(name).pem"), "--key", file("\(name).key"), "--ca", file(ca)]
    }
}
