import Foundation
import Testing

/// The daemon links espeak-ng (text programmes and text alerts, issue 16): the package must bring its voice data,
/// and the unit's sandbox must leave that data readable.
@Suite("Packaging: espeak-ng data for the daemon's speech")
struct SpeechPackagingTests {
    static let repository = PackagingFilesTests.repository

    @Test("the Debian package depends on espeak-ng-data")
    func dependsOnVoiceData() throws {
        let script = try String(contentsOfFile: "\(Self.repository)/scripts/make-deb.sh", encoding: .utf8)
        let depends = try #require(script.split(separator: "\n").first { $0.hasPrefix("Depends:") })
        #expect(depends.contains("espeak-ng-data"), "\(depends)")
        let installer = try String(contentsOfFile: "\(Self.repository)/scripts/install-deps.sh", encoding: .utf8)
        #expect(installer.contains("libespeak-ng-dev"))
    }

    @Test("the unit leaves /usr readable (ProtectSystem=strict is read-only) and hides none of espeak-ng's data")
    func sandboxLeavesVoiceDataReadable() throws {
        let unit = try String(contentsOfFile: "\(Self.repository)/systemd/communecastd.service", encoding: .utf8)
        let settings = unit.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(settings.contains("ProtectSystem=strict"))
        let hiding = settings.filter {
            ["InaccessiblePaths=", "TemporaryFileSystem=", "RootDirectory=", "RootImage=", "ProtectSystem=full",
             "ExecPaths=", "NoExecPaths="].contains(where: $0.hasPrefix)
        }
        #expect(hiding.isEmpty, "\(hiding)")
        // Where Debian's espeak-ng-data puts the Vietnamese voices: under /usr, which the unit mounts read-only.
        let candidates = ["/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                          "/usr/share/espeak-ng-data"]
        let data = try #require(candidates.first { FileManager.default.fileExists(atPath: $0) })
        #expect(FileManager.default.isReadableFile(atPath: "\(data)/vi_dict"))
    }
}
